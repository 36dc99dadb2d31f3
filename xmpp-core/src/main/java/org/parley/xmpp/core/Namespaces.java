package org.parley.xmpp.core;

/** XML namespaces of the core protocols (RFC 6120, RFC 6121) and the XEPs Parley serves. */
public final class Namespaces {
    /** Client stream content (RFC 6120 §4.8.2). */
    public static final String CLIENT = "jabber:client";
    /** Server stream content (RFC 6120 §4.8.2). */
    public static final String SERVER = "jabber:server";
    /** The stream element and its features (RFC 6120 §4.8.1). */
    public static final String STREAM = "http://etherx.jabber.org/streams";
    /** Stream error conditions (RFC 6120 §4.9.3). */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    /** Stanza error conditions (RFC 6120 §8.3.3). */
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    /** STARTTLS (RFC 6120 §5). */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** SASL negotiation (RFC 6120 §6). */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** Resource binding (RFC 6120 §7). */
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** Legacy session establishment (RFC 3921 §3, kept for old clients). */
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    /** The in-band registration stream feature (XEP-0077 §4). */
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    /** In-band registration (XEP-0077). */
    public static final String REGISTER = "jabber:iq:register";
    /** Service discovery info (XEP-0030 §3). */
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    /** Service discovery items (XEP-0030 §4). */
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    /** XMPP Ping (XEP-0199). */
    public static final String PING = "urn:xmpp:ping";
    /** Software Version (XEP-0092). */
    public static final String VERSION = "jabber:iq:version";
    /** Ad-Hoc Commands (XEP-0050). */
    public static final String COMMANDS = "http://jabber.org/protocol/commands";
    /** Data Forms (XEP-0004). */
    public static final String DATA_FORMS = "jabber:x:data";

    private Namespaces() {
    }
}
