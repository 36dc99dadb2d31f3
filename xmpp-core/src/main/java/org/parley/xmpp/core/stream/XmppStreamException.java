package org.parley.xmpp.core.stream;

import java.util.Objects;

/**
 * A stream-level error (RFC 6120 §4.9): the stream cannot go on, so the receiver sends {@code <stream:error/>}
 * with this {@link #condition()} and closes the stream.
 */
public final class XmppStreamException extends Exception {
    private final StreamErrorCondition condition;

    /**
     * @param condition the defined condition (RFC 6120 §4.9.3)
     * @param text      what went wrong, for logs and the optional {@code <text/>}; becomes the message
     */
    public XmppStreamException(StreamErrorCondition condition, String text) {
        super(text, null, false, false);
        this.condition = Objects.requireNonNull(condition, "condition");
    }

    /** The defined condition. */
    public StreamErrorCondition condition() {
        return condition;
    }
}
