package org.parley.muc;

/** The namespaces of XEP-0045 (§19) and the few others a room speaks. */
final class MucNamespaces {
    static final String MUC = "http://jabber.org/protocol/muc";
    static final String USER = MUC + "#user";
    static final String ADMIN = MUC + "#admin";
    static final String OWNER = MUC + "#owner";
    static final String ROOMCONFIG = MUC + "#roomconfig";
    static final String ROOMINFO = MUC + "#roominfo";
    static final String DELAY = "urn:xmpp:delay";
    static final String PING = "urn:xmpp:ping";

    private MucNamespaces() {
    }
}
