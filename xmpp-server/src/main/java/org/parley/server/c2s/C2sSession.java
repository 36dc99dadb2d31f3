package org.parley.server.c2s;

import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.parley.server.csi.CsiBuffer;
import org.parley.server.session.ClientSession;
import org.parley.server.session.SessionEntry;
import org.parley.server.sm.SmCounter;
import org.parley.server.sm.SmNonzas;
import org.parley.server.sm.UnackedFate;
import org.parley.server.sm.UnackedStanzas;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.parley.xmpp.core.stream.XmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bound client session (RFC 6120 §7) as the router sees it, and what of it outlives one connection. A stanza for
 * the client passes Client State Indication (XEP-0352, {@link CsiBuffer}), then stream management (XEP-0198 §4:
 * counted and kept until acknowledged, {@link UnackedStanzas}), then goes to the connection attached now. A
 * resumable session (§5) whose connection dies is detached: it stays bound and available, keeps what the router
 * sends, and is attached to the connection that resumes it, or ends when the resumption time runs out. When a session
 * ends, what the client never acknowledged is routed again ({@link UnackedFate}): an accepted message is never lost.
 *
 * <p>Threading: the outbound side runs on one event loop for the session's whole life, its home (the loop of the
 * connection that bound it). Every delivery goes through the home loop's task queue, which keeps each sender's
 * stanzas in order; after a resumption on a connection of another loop, writes go from home to that channel, which
 * keeps their order too. The count of handled inbound stanzas belongs to the attached connection and is handed
 * over on resumption only after the old connection has stopped reading.
 */
public final class C2sSession implements ClientSession {
    /** The server asks for an acknowledgement (§4 {@code <r/>}) once this many stanzas went out unrequested... */
    static final int ACK_REQUEST_EVERY = 5;
    /** ... or this long after the first of fewer went out. */
    static final long ACK_REQUEST_DELAY_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(C2sSession.class);

    /** The connection a session writes to (one client stream). Callable from any thread. */
    interface Link {
        /** Writes and flushes {@code xml}; writes keep their call order. */
        void write(String xml);

        /** Writes and flushes {@code shared} addressed to {@code to}, in order with the other writes. */
        void write(SplicedStanza shared, String to);

        /** Whether the connection is still open. */
        boolean isOpen();

        /** Ends the stream with this error and closes the connection; that ends the session too. */
        void streamError(StreamErrorCondition condition, String text, String applicationCondition);

        /**
         * Another connection resumed the session: stop reading, close this connection, and leave the session alone.
         *
         * @return completes once this connection reads nothing more
         */
        CompletionStage<Void> takenOver();
    }

    /** How a resumption attempt ended. */
    sealed interface Resumption {
        /** Attached: {@code <resumed/>} and the unacknowledged stanzas were written to the new connection. */
        record Resumed() implements Resumption {
        }

        /** The session ended meanwhile, or the new connection closed before it could take it. */
        record Gone() implements Resumption {
        }

        /** The client's 'h' covers more stanzas than the server sent (XEP-0198 §4). */
        record TooHigh(long h, long sendCount) implements Resumption {
        }
    }

    private enum State { ATTACHED, DETACHED, ENDED }

    /** A stanza queued for the client, with the shared serialisation it is written from (or null: its own). */
    private record Outgoing(Packet stanza, SplicedStanza shared) {
    }

    private final JID jid;
    private final String streamId;
    private final EventExecutor home;
    private final C2sServices services;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CsiBuffer<Outgoing> csi = new CsiBuffer<>(Outgoing::stanza);
    // Home loop only:
    private Link link;
    private State state = State.ATTACHED;
    private UnackedStanzas unacked;
    private String resumptionId;
    private int resumeSeconds;
    private boolean resuming;
    private boolean overflowed;
    private int unrequested;
    private ScheduledFuture<?> ackTimer;
    private ScheduledFuture<?> expiry;
    // The attached connection's loop (handed over on resumption):
    private volatile long handled;
    private volatile boolean resumable;

    /**
     * @param jid      the bound full JID
     * @param streamId the id of the stream that bound it: its key in the session table for its whole life
     * @param home     the event loop of that stream, which runs this session's outbound side
     * @param services the server services
     * @param link     that stream
     */
    C2sSession(JID jid, String streamId, EventExecutor home, C2sServices services, Link link) {
        this.jid = Objects.requireNonNull(jid);
        this.streamId = Objects.requireNonNull(streamId);
        this.home = home;
        this.services = services;
        this.link = link;
    }

    @Override
    public JID jid() {
        return jid;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void deliver(Packet stanza) {
        // A copy now: the caller may reuse the stanza (e.g. readdress it for the next recipient).
        Packet copy = stanza.createCopy();
        // Always through the home loop's task queue, never inline: a write made directly on the loop would overtake
        // writes that other threads queued before it, and one sender's stanzas must stay in order.
        home.execute(() -> emit(new Outgoing(copy, null)));
    }

    @Override
    public void deliver(Packet stanza, SplicedStanza shared) {
        Objects.requireNonNull(shared);
        // The check runs here, on the session's loop, not on the room's one thread that fans out to everyone.
        Runnable task = () -> emit(new Outgoing(stanza, shared.fits(stanza.getElement()) ? shared : null));
        // Same queue, same order as deliver(Packet); the caller wakes the loop once for all its hand-overs.
        if (home instanceof AbstractEventExecutor loop) loop.lazyExecute(task);
        else home.execute(task);
    }

    @Override
    public Executor loop() {
        return home;
    }

    @Override
    public void close(StreamErrorCondition condition, String text) {
        home.execute(() -> {
            if (state == State.ATTACHED) link.streamError(condition, text, null);
            else if (state == State.DETACHED) end();
        });
    }

    // ---- outbound: CSI, then stream management, then the connection ----

    private void emit(Outgoing stanza) {
        if (state == State.ENDED) {
            // Routed here just before the session left the table: route it again, as if it had come a moment later.
            dispose(List.of(new UnackedStanzas.Unacked(stanza.stanza(), Instant.now())));
            return;
        }
        for (Outgoing out : csi.offer(stanza)) send(out);
    }

    private void send(Outgoing stanza) {
        if (unacked != null) {
            unacked.sent(stanza.stanza(), stanza.shared(), Instant.now());
            if (unacked.size() > services.config().streamManagement().maxUnackedStanzas() && !overflowed) {
                overflowed = true;
                log.info("{} holds more than {} unacknowledged stanzas: ending the session", jid, unacked.size() - 1);
                if (link != null) link.streamError(StreamErrorCondition.POLICY_VIOLATION, "too many unacknowledged stanzas", null);
                else end();
                return;
            }
        }
        if (link == null) return;
        write(link, stanza.stanza(), stanza.shared());
        if (unacked != null) requestAckSoon();
    }

    /** §4: the server's own {@code <r/>}: after {@link #ACK_REQUEST_EVERY} stanzas, or a moment after fewer. */
    private void requestAckSoon() {
        unrequested++;
        if (unrequested >= ACK_REQUEST_EVERY) {
            requestAck();
        } else if (ackTimer == null) {
            ackTimer = home.schedule(() -> {
                ackTimer = null;
                if (unrequested > 0) requestAck();
            }, ACK_REQUEST_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void requestAck() {
        if (link == null || unacked == null) return;
        unrequested = 0;
        link.write(SmNonzas.REQUEST);
    }

    // ---- what the client's stream asks (called on the attached connection's loop) ----

    /**
     * XEP-0198 §3: turns stream management on and writes {@code <enabled/>}; stanzas are counted from then on.
     * Only the stream that bound the session enables it, so this runs on the home loop.
     *
     * @param resume           whether the client asked for resumption (§5)
     * @param clientMaxSeconds the client's preferred resumption time, or 0
     */
    void enableStreamManagement(boolean resume, long clientMaxSeconds) {
        onHome(() -> {
            if (state != State.ATTACHED) return;
            unacked = new UnackedStanzas();
            int max = services.config().streamManagement().resumeTimeoutSeconds();
            if (clientMaxSeconds > 0) max = (int) Math.min(max, clientMaxSeconds);
            // §5: "If the server does not support session resumption, it MUST NOT include a 'resume' attribute".
            if (resume && max > 0) {
                resumeSeconds = max;
                resumptionId = services.resumables().register(this);
                resumable = true;
            }
            link.write(SmNonzas.enabled(resumptionId, resumeSeconds));
        });
    }

    /** §4: one more stanza from the client was handled ('h' wraps at 2^32). */
    void stanzaHandled() {
        handled = SmCounter.increment(handled);
    }

    /** §4: the number of the client's stanzas handled since enabling, modulo 2^32. */
    long handled() {
        return handled;
    }

    /** Whether a lost connection detaches this session rather than ending it (§5). */
    boolean isResumable() {
        return resumable;
    }

    /** §4: the client acknowledged {@code h} stanzas. */
    void acknowledged(long h) {
        onHome(() -> {
            if (unacked == null || state == State.ENDED) return;
            if (unacked.acknowledge(h) instanceof UnackedStanzas.Ack.TooHigh high && link != null) {
                // §4: an 'h' larger than the number of stanzas sent ends the stream with <undefined-condition/>
                // and <handled-count-too-high/>.
                link.streamError(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent",
                        SmNonzas.handledCountTooHigh(high.h(), high.sendCount()));
            }
        });
    }

    /** §4: a keepalive or explicit request for the client's count. */
    void requestAcknowledgement() {
        onHome(this::requestAck);
    }

    /** XEP-0352 §3 {@code <inactive/>}. */
    void clientInactive() {
        onHome(csi::inactive);
    }

    /** XEP-0352 §3 {@code <active/>}: what was held goes out now, in order. */
    void clientActive() {
        onHome(() -> {
            if (state == State.ENDED) return;
            for (Outgoing held : csi.active()) send(held);
        });
    }

    // ---- connection lost, resumption, end ----

    /**
     * The connection {@code lost} closed without {@code </stream>} (or stopped answering). A resumable session waits
     * for its client (§5: the server treats it as still connected); any other ends.
     */
    void connectionLost(Link lost) {
        onHome(() -> {
            if (link == lost && state == State.ATTACHED) connectionLostNow();
        });
    }

    private void detach() {
        state = State.DETACHED;
        cancel(ackTimer);
        ackTimer = null;
        expiry = home.schedule(this::expire, resumeSeconds, TimeUnit.SECONDS);
        log.info("{} lost its connection; resumable for {} s with {} unacknowledged stanzas", jid, resumeSeconds,
                unacked.size());
    }

    private void expire() {
        if (state != State.DETACHED) return;
        log.info("{} was not resumed within {} s: ending the session", jid, resumeSeconds);
        end();
    }

    /**
     * §5: a new connection, authenticated as the same account, takes this session over. The client's 'h' drops what
     * it received; the old connection, if still open, is closed; then {@code <resumed/>} and every stanza still
     * unacknowledged go to the new connection, in order.
     */
    CompletableFuture<Resumption> resume(Link next, long clientH) {
        CompletableFuture<Resumption> result = new CompletableFuture<>();
        home.execute(() -> {
            if (state == State.ENDED || resuming || unacked == null) {
                result.complete(new Resumption.Gone());
                return;
            }
            if (unacked.acknowledge(clientH) instanceof UnackedStanzas.Ack.TooHigh high) {
                result.complete(new Resumption.TooHigh(high.h(), high.sendCount()));
                return;
            }
            resuming = true;
            cancel(expiry);
            Link old = link;
            link = null;
            state = State.DETACHED;
            CompletionStage<Void> released = old == null ? CompletableFuture.completedFuture(null) : old.takenOver();
            released.whenComplete((ignored, error) -> home.execute(() -> attach(next, result)));
        });
        return result;
    }

    private void attach(Link next, CompletableFuture<Resumption> result) {
        resuming = false;
        if (state == State.ENDED) {
            result.complete(new Resumption.Gone());
            return;
        }
        if (!next.isOpen()) {
            // The new connection died while it took over; its loss was ignored as it was not attached yet.
            connectionLostNow();
            result.complete(new Resumption.Gone());
            return;
        }
        link = next;
        state = State.ATTACHED;
        // The old connection reads nothing more: the count of handled stanzas is final for it.
        next.write(SmNonzas.resumed(resumptionId, handled));
        List<UnackedStanzas.Unacked> pending = unacked.pending();
        for (UnackedStanzas.Unacked u : pending) write(next, u.stanza(), u.shared());
        if (!pending.isEmpty()) requestAck();
        log.info("{} resumed; {} unacknowledged stanzas sent again", jid, pending.size());
        result.complete(new Resumption.Resumed());
    }

    private void connectionLostNow() {
        link = null;
        if (resumable && !services.resumables().closing()) detach();
        else end();
    }

    /**
     * Ends the session for good: out of the session table (the user's contacts learn it is unavailable, RFC 6121
     * §4.6.1), modules told, and what the client never acknowledged routed again. Idempotent.
     *
     * @return completes once the unacknowledged stanzas have been routed
     */
    CompletableFuture<Void> end() {
        onHome(this::endNow);
        return ended;
    }

    private void endNow() {
        if (state == State.ENDED) return;
        state = State.ENDED;
        link = null;
        resumable = false;
        cancel(ackTimer);
        cancel(expiry);
        if (resumptionId != null) services.resumables().remove(resumptionId, this);
        Optional<SessionEntry> entry = services.table().get(jid);
        boolean wasAvailable = entry.isPresent() && entry.get().streamId().equals(streamId) && entry.get().available();
        services.table().remove(jid, streamId);
        services.locals().remove(this);
        if (wasAvailable) {
            // RFC 6121 §4.6.1: a session that ends without unavailable presence gets one on its behalf,
            // broadcast to the user's other resources (not to the stream that is closing).
            Presence gone = new Presence(Presence.Type.unavailable);
            gone.setFrom(jid);
            services.router().routeFromClient(gone);
        }
        // After a resource conflict (RFC 6120 §7.7.2.2) the JID belongs to the new session: modules keep its state.
        if (services.locals().get(jid).isEmpty()) services.modules().sessionUnbound(jid);
        log.info("Session {} ended", jid);
        List<UnackedStanzas.Unacked> leftovers = new ArrayList<>();
        if (unacked != null) leftovers.addAll(unacked.drain());
        Instant now = Instant.now();
        for (Outgoing held : csi.drain()) leftovers.add(new UnackedStanzas.Unacked(held.stanza(), now));
        dispose(leftovers).whenComplete((ignored, error) -> ended.complete(null));
    }

    /** Routes again what the client never got (never drop: {@link UnackedFate}). */
    private CompletableFuture<Void> dispose(List<UnackedStanzas.Unacked> stanzas) {
        List<CompletableFuture<Void>> routed = new ArrayList<>();
        int messages = 0;
        for (UnackedStanzas.Unacked u : stanzas) {
            switch (UnackedFate.of(u.stanza(), u.sentAt(), services.config().domain())) {
                case UnackedFate.Fate.Reroute reroute -> {
                    messages++;
                    routed.add(services.router().route(reroute.message()).toCompletableFuture());
                }
                case UnackedFate.Fate.Bounce bounce -> routed.add(services.router().route(bounce.errorReply()).toCompletableFuture());
                case UnackedFate.Fate.Drop drop -> log.debug("Unacknowledged stanza for {} dropped ({})", jid, drop.reason());
            }
        }
        if (messages > 0) log.info("{} never acknowledged {} messages: routed again", jid, messages);
        return CompletableFuture.allOf(routed.toArray(CompletableFuture[]::new)).exceptionally(error -> {
            log.warn("Routing the unacknowledged stanzas of {} again failed", jid, error);
            return null;
        });
    }

    // ---- helpers ----

    private void onHome(Runnable task) {
        if (home.inEventLoop()) task.run();
        else home.execute(task);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) future.cancel(false);
    }

    /** Writes {@code stanza}: from {@code shared} with its {@code to} when it was fanned out, else serialised now. */
    private static void write(Link link, Packet stanza, SplicedStanza shared) {
        if (shared != null) link.write(shared, stanza.getElement().attributeValue("to"));
        else link.write(toXml(stanza));
    }

    /** The stanza as the client gets it (content namespace jabber:client). */
    static String toXml(Packet stanza) {
        StringBuilder out = new StringBuilder(256);
        XmlWriter.write(stanza.getElement(), out, Namespaces.CLIENT);
        return out.toString();
    }
}
