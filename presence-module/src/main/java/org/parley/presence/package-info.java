/**
 * The presence module: rosters (RFC 6121 §2), subscriptions (§3), presence broadcast, probes and directed presence
 * (§4), last activity (XEP-0012), blocking (XEP-0191) and vCards (XEP-0054), with per-user queues that keep each
 * user's work in order and off the event loop.
 */
package org.parley.presence;
