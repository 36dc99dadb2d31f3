/**
 * Bookmarks in both forms at once (XEP-0402 §5.3, feature {@code urn:xmpp:bookmarks:1#compat}): PEP Native
 * Bookmarks (one {@code urn:xmpp:bookmarks:1} item per room) and the older XEP-0048 list kept in Private XML
 * Storage (XEP-0049, {@code storage:bookmarks}) are kept in step by the server, so old and new clients of one user
 * see the same rooms.
 */
package org.parley.presence.bookmarks;
