/** Module registration (STYLE.md §2, §4) and IQ dispatch by key (RFC 6120 §8.2.3, §8.4). */
package org.parley.server.module;
