/**
 * Stream Management (XEP-0198) as pure pieces: the stanza counters (§4, modulo 2^32), the queue of stanzas the
 * client has not acknowledged, the protocol elements, and what happens to unacknowledged stanzas when a session
 * ends (never dropped: messages are routed again). The stream glue and resumption live in {@code c2s}.
 */
package org.parley.server.sm;
