package org.parley.xmpp.core.module;

import java.util.Objects;

/**
 * A service domain a module serves (see {@link ServiceHandler}); listed in the server's disco#items (XEP-0030 §4.1,
 * XEP-0045 §6.1).
 *
 * @param domain  the service's domain, e.g. {@code conference.localhost}
 * @param name    its display name in disco#items, or null
 * @param handler takes every stanza addressed to the domain or its JIDs
 */
public record HostedService(String domain, String name, ServiceHandler handler) {
    public HostedService {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(handler, "handler");
    }
}
