package org.parley.presence.pep;

import java.util.Objects;

/**
 * A node of a user's PEP service (XEP-0163 §3).
 *
 * @param name   the node name, e.g. {@code http://jabber.org/protocol/tune}
 * @param config its configuration
 */
public record PepNode(String name, NodeConfig config) {
    public PepNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
