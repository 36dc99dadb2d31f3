/**
 * Persistence of the presence module: one interface per kind of data — rosters with versioning (RFC 6121 §2.6),
 * block lists (XEP-0191), last activity (XEP-0012), vCards (XEP-0054) — each with its jOOQ implementation on the
 * tables of migration {@code V2__presence}. All calls block (JDBC): never call them on an event loop.
 */
package org.parley.presence.store;
