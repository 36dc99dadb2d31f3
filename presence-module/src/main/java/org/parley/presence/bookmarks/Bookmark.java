package org.parley.presence.bookmarks;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;

import java.util.Objects;
import java.util.Optional;

/**
 * One bookmarked room, in either syntax: a {@code <conference/>} of XEP-0048 §3.2 (the room JID in its {@code jid}
 * attribute) or of XEP-0402 §3 (the room JID is the item id; client data in {@code <extensions/>}).
 *
 * @param jid        the room JID (bare)
 * @param name       a friendly name, or null
 * @param autojoin   whether clients join the room at login
 * @param nick       the user's nick in the room, or null
 * @param password   the room password, or null
 * @param extensions the XEP-0402 {@code <extensions/>} element (client data XEP-0048 cannot hold), or null
 */
public record Bookmark(String jid, String name, boolean autojoin, String nick, String password, Element extensions) {
    /** The XEP-0402 namespace and PEP node. */
    public static final String NODE = "urn:xmpp:bookmarks:1";
    /** The XEP-0048 namespace, stored in private XML (XEP-0049). */
    public static final String LEGACY = "storage:bookmarks";

    public Bookmark {
        Objects.requireNonNull(jid, "jid");
    }

    /** A XEP-0048 {@code <conference jid='…'/>}, if its JID is a valid bare JID. */
    public static Optional<Bookmark> ofLegacy(Element conference) {
        return bareJid(conference.attributeValue("jid")).map(jid -> new Bookmark(jid, conference.attributeValue("name"),
                isTrue(conference.attributeValue("autojoin")), text(conference, "nick"),
                text(conference, "password"), null));
    }

    /** A XEP-0402 item: its id is the room JID and its payload the {@code <conference/>}. */
    public static Optional<Bookmark> ofPep(String itemId, Element conference) {
        if (conference == null || !"conference".equals(conference.getName())) return Optional.empty();
        Element extensions = conference.element("extensions");
        return bareJid(itemId).map(jid -> new Bookmark(jid, conference.attributeValue("name"),
                isTrue(conference.attributeValue("autojoin")), text(conference, "nick"),
                text(conference, "password"), extensions == null ? null : extensions.createCopy()));
    }

    /** This bookmark as a XEP-0048 {@code <conference/>} added to {@code storage}. */
    public void addLegacyTo(Element storage) {
        Element conference = storage.addElement("conference", LEGACY).addAttribute("jid", jid);
        fill(conference, LEGACY);
    }

    /** This bookmark as the payload of its XEP-0402 item (whose id is {@link #jid()}). */
    public Element toPep() {
        Element conference = DocumentHelper.createElement(QName.get("conference", NODE));
        fill(conference, NODE);
        if (extensions != null) conference.add(extensions.createCopy());
        return conference;
    }

    /** This bookmark keeping {@code other}'s extensions (XEP-0048 cannot carry them, so an update must not drop them). */
    public Bookmark withExtensionsOf(Bookmark other) {
        return other == null ? this : new Bookmark(jid, name, autojoin, nick, password, other.extensions);
    }

    /** Whether both say the same in the fields both syntaxes share (XEP-0402 §5.3.2: unchanged items are left alone). */
    public boolean sameAs(Bookmark other) {
        return other != null && jid.equals(other.jid) && Objects.equals(name, other.name) && autojoin == other.autojoin
                && Objects.equals(nick, other.nick) && Objects.equals(password, other.password);
    }

    private void fill(Element conference, String namespace) {
        if (name != null) conference.addAttribute("name", name);
        // XEP-0402 §3 writes autojoin='true'; absent means false in both.
        if (autojoin) conference.addAttribute("autojoin", "true");
        if (nick != null) conference.addElement("nick", namespace).setText(nick);
        if (password != null) conference.addElement("password", namespace).setText(password);
    }

    /** xs:boolean: "true" or "1" (XEP-0048 §3.2, XEP-0402 §3). */
    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static String text(Element conference, String child) {
        Element e = conference.element(child);
        return e == null ? null : e.getText();
    }

    private static Optional<String> bareJid(String value) {
        if (value == null || value.isEmpty()) return Optional.empty();
        try {
            JID jid = new JID(value);
            return jid.getResource() == null ? Optional.of(jid.toBareJID()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
