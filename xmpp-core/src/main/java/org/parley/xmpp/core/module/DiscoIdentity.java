package org.parley.xmpp.core.module;

import java.util.Objects;

/** A service discovery identity (XEP-0030 §3.1), e.g. {@code server/im}. */
public record DiscoIdentity(String category, String type, String name) {
    public DiscoIdentity {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
    }
}
