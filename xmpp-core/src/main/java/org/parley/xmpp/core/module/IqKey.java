package org.parley.xmpp.core.module;

import org.xmpp.packet.IQ;

import java.util.Objects;

/**
 * The dispatch key of an IQ request: target, type (get/set), and the child element's name and namespace.
 * One key maps to exactly one handler (RFC 6120 §8.2.3: an IQ request has exactly one child).
 */
public record IqKey(IqTarget target, IQ.Type type, String element, String namespace) {
    public IqKey {
        Objects.requireNonNull(target, "target");
        if (type != IQ.Type.get && type != IQ.Type.set) {
            throw new IllegalArgumentException("only get and set requests are dispatched, not " + type);
        }
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** A request addressed to the server's domain. */
    public static IqKey server(IQ.Type type, String element, String namespace) {
        return new IqKey(IqTarget.SERVER, type, element, namespace);
    }

    /** A request addressed to an account's bare JID or without {@code to}. */
    public static IqKey account(IQ.Type type, String element, String namespace) {
        return new IqKey(IqTarget.ACCOUNT, type, element, namespace);
    }
}
