/** The session table: which full JIDs are bound, where, and with what presence priority (RFC 6120 §7, RFC 6121 §4). */
package org.parley.server.session;
