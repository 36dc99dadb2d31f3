/** Local accounts: storage of usernames and SCRAM credentials (RFC 6120 §6, RFC 5802 §3) and account operations. */
package org.parley.server.account;
