/** Rosters (RFC 6121 §2) and the subscription state machine (RFC 6121 §3, Appendix A). */
package org.parley.presence.roster;
