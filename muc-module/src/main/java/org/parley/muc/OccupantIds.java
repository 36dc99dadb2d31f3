package org.parley.muc;

import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * XEP-0421 occupant identifiers: an opaque id per (room, real bare JID), the same for all of a user's sessions and
 * across nick changes, that reveals nothing of the real JID (an HMAC-SHA-256 with a secret of the room).
 *
 * <p>The secret lives with the room object: ids are stable while the server runs, and change after a restart.
 */
public final class OccupantIds {
    static final String NAMESPACE = "urn:xmpp:occupant-id:0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret = new byte[32];
    private final java.util.Map<String, String> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public OccupantIds() {
        RANDOM.nextBytes(secret);
    }

    /** The occupant id of {@code realJid} (any form; its bare JID counts) in {@code room}. */
    public String of(JID room, JID realJid) {
        return cache.computeIfAbsent(room.toBareJID() + '\0' + realJid.toBareJID(), this::hmac);
    }

    private String hmac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] id = mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Puts the occupant id on {@code stanza}, a presence or message the room sends on behalf of an occupant.
     * XEP-0421: occupant-id elements the client put on the stanza are removed first, so none can be forged.
     */
    public void stamp(Packet stanza, JID room, JID realJid) {
        Element e;
        while ((e = stanza.getElement().element(org.dom4j.QName.get("occupant-id", NAMESPACE))) != null) {
            stanza.getElement().remove(e);
        }
        stanza.getElement().addElement("occupant-id", NAMESPACE).addAttribute("id", of(room, realJid));
    }
}
