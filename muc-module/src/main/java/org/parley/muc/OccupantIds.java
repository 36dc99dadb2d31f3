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
 * <p>The secret is stored with a persistent room ({@link #secret()}), so ids stay the same across restarts; a
 * temporary room's ids last as long as the room.
 */
public final class OccupantIds {
    static final String NAMESPACE = "urn:xmpp:occupant-id:0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final java.util.Map<String, String> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Ids under a new random secret (a new room). */
    public OccupantIds() {
        secret = new byte[32];
        RANDOM.nextBytes(secret);
    }

    /**
     * Ids under a stored secret.
     *
     * @param secret what {@link #secret()} returned (base64url)
     * @throws IllegalArgumentException if it is not base64url
     */
    public OccupantIds(String secret) {
        this.secret = Base64.getUrlDecoder().decode(secret);
    }

    /** The secret, base64url without padding, to store with the room. */
    public String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
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
