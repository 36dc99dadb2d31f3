/** Blocking Command (XEP-0191): the block list and its enforcement. */
package org.parley.presence.blocking;
