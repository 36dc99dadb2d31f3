package org.parley.server.sm;

import org.parley.xmpp.core.stream.SplicedStanza;
import org.xmpp.packet.Packet;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The outbound side of XEP-0198 §4 for one session: how many stanzas went to the client since stream management was
 * enabled (modulo 2^32) and, in order, those the client has not acknowledged yet. Not thread-safe: owned by the
 * session's event loop.
 */
public final class UnackedStanzas {
    /**
     * A stanza sent and not acknowledged, with the time the server first sent it (for a later {@code <delay/>}).
     *
     * @param shared the serialisation it was written from and is written from again on resumption, or null when it
     *               was serialised on its own
     */
    public record Unacked(Packet stanza, SplicedStanza shared, Instant sentAt) {
        /** A stanza serialised on its own. */
        public Unacked(Packet stanza, Instant sentAt) {
            this(stanza, null, sentAt);
        }
    }

    /** The outcome of a client's {@code <a h='…'/>}. */
    public sealed interface Ack {
        /** {@code count} stanzas are acknowledged and forgotten. */
        record Acknowledged(long count) implements Ack {
        }

        /** The client acknowledged more than was sent (§4: {@code <handled-count-too-high/>}). */
        record TooHigh(long h, long sendCount) implements Ack {
        }
    }

    private final Deque<Unacked> queue = new ArrayDeque<>();
    private long sent;
    private long acknowledged;

    /** A queue at the start of stream management: nothing sent, nothing acknowledged (§4: 'h' starts at zero). */
    public UnackedStanzas() {
        this(0);
    }

    /** A queue whose counters start at {@code start} (to test the wrap at 2^32). */
    UnackedStanzas(long start) {
        this.sent = start;
        this.acknowledged = start;
    }

    /** Counts {@code stanza} as sent and keeps it until the client acknowledges it. */
    public void sent(Packet stanza, Instant at) {
        sent(stanza, null, at);
    }

    /** Counts {@code stanza}, written from {@code shared} (or null), as sent and keeps both until acknowledged. */
    public void sent(Packet stanza, SplicedStanza shared, Instant at) {
        sent = SmCounter.increment(sent);
        queue.add(new Unacked(stanza, shared, at));
    }

    /**
     * Applies the client's 'h' (the number of stanzas it handled, modulo 2^32): drops the stanzas it covers.
     * An 'h' beyond what was sent changes nothing and is reported as {@link Ack.TooHigh}.
     */
    public Ack acknowledge(long h) {
        long count = SmCounter.distance(acknowledged, h);
        if (count > queue.size()) return new Ack.TooHigh(h, sent);
        for (long i = 0; i < count; i++) queue.poll();
        acknowledged = h;
        return new Ack.Acknowledged(count);
    }

    /** The unacknowledged stanzas, oldest first. */
    public List<Unacked> pending() {
        return List.copyOf(queue);
    }

    /** Removes and returns every unacknowledged stanza, oldest first. */
    public List<Unacked> drain() {
        List<Unacked> all = new ArrayList<>(queue);
        queue.clear();
        return all;
    }

    /** How many stanzas are unacknowledged. */
    public int size() {
        return queue.size();
    }

    /** The number of stanzas sent since enabling, modulo 2^32. */
    public long sentCount() {
        return sent;
    }
}
