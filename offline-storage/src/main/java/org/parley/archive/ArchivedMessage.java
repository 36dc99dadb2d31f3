package org.parley.archive;

import java.time.Instant;
import java.util.Objects;

/**
 * One message in one user's archive (XEP-0313 §3: a timestamp, the remote JID, a server-assigned id and the stanza).
 *
 * @param id           the archive id, also the XEP-0359 stanza-id ({@link ArchiveIds})
 * @param owner        the username whose archive holds it
 * @param withJid      the peer's bare JID: the recipient of an outgoing message, the sender of an incoming one
 * @param withResource the peer's resource, or null when the peer's address had none
 * @param direction    in or out, from the owner's point of view
 * @param stamp        when it was archived, to the millisecond (the time in {@code id})
 * @param stanzaXml    the message as the server accepted it, serialised in {@code jabber:client} (no xmlns on the
 *                     stanza itself)
 */
public record ArchivedMessage(long id, String owner, String withJid, String withResource, Direction direction,
                              Instant stamp, String stanzaXml) {
    public ArchivedMessage {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(withJid, "withJid");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(stanzaXml, "stanzaXml");
    }
}
