package org.parley.presence.pep;

import java.time.Instant;
import java.util.Objects;

/**
 * One published item (XEP-0060 §7.1): its id and payload.
 *
 * @param id          the item id (given by the publisher or generated, XEP-0060 §7.1.2)
 * @param payloadXml  the payload element as serialised XML, or null for an item without payload
 * @param publishedAt when it was published (stored to the millisecond)
 */
public record PepItem(String id, String payloadXml, Instant publishedAt) {
    public PepItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
