package org.parley.xmpp.core;

/** XML namespaces of the core protocols (RFC 6120, RFC 6121) and the XEPs Parley serves. */
public final class Namespaces {
    public static final String CLIENT = "jabber:client";
    public static final String SERVER = "jabber:server";
    public static final String STREAM = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    public static final String REGISTER = "jabber:iq:register";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String PING = "urn:xmpp:ping";
    public static final String VERSION = "jabber:iq:version";
    public static final String COMMANDS = "http://jabber.org/protocol/commands";
    public static final String DATA_FORMS = "jabber:x:data";

    private Namespaces() {
    }
}
