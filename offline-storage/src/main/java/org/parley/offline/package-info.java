/**
 * Offline messages (XEP-0160, RFC 6121 §8.5.2.2.1): a chat or normal message for a user with no available
 * resource is kept — when it carries something worth keeping (XEP-0160 §3, XEP-0334 hints) and the user's quota
 * has room — and delivered in order, with {@code <delay/>} (XEP-0203), when the user next sends initial presence
 * with a non-negative priority. Messages that arrive during that delivery wait for it, so order is kept.
 */
package org.parley.offline;
