/** Protocol-level building blocks shared by every Parley module: namespaces (RFC 6120, RFC 6121). */
package org.parley.xmpp.core;
