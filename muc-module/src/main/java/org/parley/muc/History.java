package org.parley.muc;

import org.dom4j.Element;
import org.xmpp.packet.Message;

import java.time.Instant;
import org.dom4j.QName;
import org.parley.archive.ArchiveIds;
import org.parley.archive.StanzaIds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The discussion history of a room (XEP-0045 §7.2.14): the last {@code capacity} groupchat messages as they were
 * broadcast, each with the time the room received it, and the selection a joining occupant asks for.
 */
public final class History {
    /** One message as broadcast (from the occupant JID, without {@code to}) and when. */
    public record Entry(Message message, Instant at) {
    }

    private final int capacity;
    private final LinkedList<Entry> entries = new LinkedList<>();

    /** @param capacity the most groupchat messages kept (XEP-0045 §7.2.14), ≥ 0; older ones are dropped */
    public History(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Keeps a groupchat message sent at {@code at} for the discussion history (XEP-0045 §7.2.14), dropping the
     * oldest beyond the configured size (none kept when it is 0).
     */
    public void add(Message message, Instant at) {
        if (capacity == 0) return;
        if (entries.size() == capacity) entries.removeFirst();
        entries.addLast(new Entry(message, at));
    }

    /**
     * Replaces the kept message whose room stanza-id is {@code id} by {@code tombstone} (XEP-0424 §6: a room "SHOULD
     * prevent further distribution of the message ... by not replaying the message to new occupants").
     *
     * @param by the room's bare JID (the stanza-id's 'by')
     */
    public void replace(String by, long id, Message tombstone) {
        for (var it = entries.listIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (stanzaId(e.message(), by) == id) it.set(new Entry(tombstone, e.at()));
        }
    }

    /** The room's stanza-id of {@code message}, or -1. */
    static long stanzaId(Message message, String by) {
        for (Element sid : message.getElement().elements(QName.get("stanza-id", StanzaIds.NAMESPACE))) {
            String id = sid.attributeValue("id");
            if (by.equals(sid.attributeValue("by")) && id != null) return ArchiveIds.parse(id).orElse(-1);
        }
        return -1;
    }

    /** XEP-0045 §8.1: a subject change is a groupchat message with a subject and no body; not part of the history. */
    public static boolean isSubjectChange(Message message) {
        return message.getSubject() != null && message.getBody() == null;
    }

    /** How many messages are kept now. */
    public int size() {
        return entries.size();
    }

    /**
     * The entries to send, oldest first, within every limit given in {@code <history/>} (XEP-0045 §7.2.14:
     * maxchars, maxstanzas, seconds, since; when several are given, all apply).
     *
     * @param history the {@code <history/>} element of the join, or null (then everything kept)
     * @param now     the current time
     */
    public List<Entry> select(Element history, Instant now) {
        int maxStanzas = intAttr(history, "maxstanzas", Integer.MAX_VALUE);
        int maxChars = intAttr(history, "maxchars", Integer.MAX_VALUE);
        Instant notBefore = Instant.MIN;
        int seconds = intAttr(history, "seconds", -1);
        if (seconds >= 0) notBefore = now.minusSeconds(seconds);
        String since = history == null ? null : history.attributeValue("since");
        if (since != null) {
            try {
                Instant s = Instant.parse(since);
                if (s.isAfter(notBefore)) notBefore = s;
            } catch (RuntimeException malformed) {
                // An unparsable 'since' limits nothing.
            }
        }
        List<Entry> picked = new ArrayList<>();
        int chars = 0;
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext() && picked.size() < maxStanzas; ) {
            Entry e = it.next();
            if (e.at().isBefore(notBefore)) break;
            // §7.2.14: maxchars counts the characters of the complete XML stanzas sent.
            chars += e.message().toXML().length();
            if (chars > maxChars) break;
            picked.add(e);
        }
        Collections.reverse(picked);
        return picked;
    }

    private static int intAttr(Element e, String name, int absent) {
        String v = e == null ? null : e.attributeValue(name);
        if (v == null) return absent;
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException malformed) {
            return absent;
        }
    }
}
