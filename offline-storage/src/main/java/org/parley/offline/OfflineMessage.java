package org.parley.offline;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored message.
 *
 * @param id        its place in the user's queue (increasing in the order messages were stored)
 * @param sender    the full JID it came from
 * @param storedAt  when it was stored (to the millisecond), the {@code <delay/>} stamp at delivery
 * @param stanzaXml the message as serialised XML
 */
public record OfflineMessage(long id, String sender, Instant storedAt, String stanzaXml) {
    public OfflineMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(stanzaXml, "stanzaXml");
    }
}
