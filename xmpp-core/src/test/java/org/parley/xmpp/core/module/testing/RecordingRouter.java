package org.parley.xmpp.core.module.testing;

import org.parley.xmpp.core.module.StanzaRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StanzaRouter} that records what a module asked it to route or deliver (copies, as sent), for handler
 * and interceptor tests without sockets (STYLE.md §14). Thread-safe: modules call it from the users' queues.
 */
public final class RecordingRouter implements StanzaRouter {
    /** One {@link #deliver} call. */
    public record Delivery(JID to, Packet stanza) {
    }

    private final List<Packet> routed = new CopyOnWriteArrayList<>();
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> route(Packet stanza) {
        routed.add(stanza.createCopy());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void deliver(JID fullJid, Packet stanza) {
        delivered.add(new Delivery(fullJid, stanza.createCopy()));
    }

    @Override
    public CompletionStage<IQ> request(IQ request, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no IQ requests in these tests"));
    }

    /** The stanzas routed, in order. */
    public List<Packet> routed() {
        return List.copyOf(routed);
    }

    /** The stanzas delivered straight to a session, in order. */
    public List<Delivery> delivered() {
        return List.copyOf(delivered);
    }

    /** The stanzas delivered to {@code fullJid}, in order. */
    public List<Packet> deliveredTo(JID fullJid) {
        return delivered.stream().filter(d -> d.to().equals(fullJid)).map(Delivery::stanza).toList();
    }

    /** Forgets everything recorded so far (after a test's set-up). */
    public void clear() {
        routed.clear();
        delivered.clear();
    }
}
