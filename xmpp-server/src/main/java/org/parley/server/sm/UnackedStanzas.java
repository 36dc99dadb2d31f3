package org.parley.server.sm;

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
    /** A stanza sent and not acknowledged, with the time the server first sent it (for a later {@code <delay/>}). */
    public record Unacked(Packet stanza, Instant sentAt) {
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
        sent = SmCounter.increment(sent);
        queue.add(new Unacked(stanza, at));
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
