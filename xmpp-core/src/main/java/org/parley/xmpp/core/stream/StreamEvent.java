package org.parley.xmpp.core.stream;

import java.util.Map;
import java.util.Objects;
import org.dom4j.Element;

/** What an {@link XmppStreamReader} reports, in stream order (RFC 6120 §4). */
public sealed interface StreamEvent {

    /**
     * The stream header (RFC 6120 §4.7).
     *
     * @param namespace  the content namespace declared as default, e.g. {@code jabber:client}; empty if none
     * @param attributes the header's attributes ({@code to}, {@code from}, {@code id}, {@code version},
     *                   {@code xml:lang}…) by qualified name
     */
    record StreamOpen(String namespace, Map<String, String> attributes) implements StreamEvent {
        public StreamOpen {
            Objects.requireNonNull(namespace, "namespace");
            attributes = Map.copyOf(attributes);
        }
    }

    /** A first-level element of the stream: a stanza, or a negotiation element such as {@code <starttls/>}. */
    record Stanza(Element element) implements StreamEvent {
        public Stanza {
            Objects.requireNonNull(element, "element");
        }
    }

    /** The closing {@code </stream:stream>} tag (RFC 6120 §4.4); nothing after it is read. */
    record StreamClose() implements StreamEvent {
    }
}
