package org.parley.server.c2s;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.dom4j.Element;
import org.parley.server.csi.ClientStateIndication;
import org.parley.server.session.SessionEntry;
import org.parley.server.sm.SmCounter;
import org.parley.server.sm.SmNonzas;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.module.IqTarget;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.XmlWriter;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One client stream from connect to close (RFC 6120 §4): stream headers and features, STARTTLS (§5), SASL (§6,
 * in {@link SaslNegotiation}), resource binding (§7, in {@link ResourceBinder}) or the resumption of a previous
 * session (XEP-0198 §5), then stanzas (§8) handed to {@link StanzaGate} and the router, and the nonzas of stream
 * management (XEP-0198 §3, §4) and client state indication (XEP-0352 §3), which act on the {@link C2sSession}.
 * Runs on the channel's event loop; blocking steps run on virtual threads and resume here, with input received
 * meanwhile held back in order.
 */
public final class C2sStreamHandler extends SimpleChannelInboundHandler<StreamEvent> {
    private static final Logger log = LoggerFactory.getLogger(C2sStreamHandler.class);
    private static final String CLOSE = "</stream:stream>";

    private final C2sServices services;
    private final String domain;
    private final Deque<StreamEvent> backlog = new ArrayDeque<>();
    private final SaslNegotiation sasl;
    private ChannelHandlerContext ctx;
    private Phase phase;
    private boolean tlsActive;
    private boolean headerSent;
    private boolean awaitingHeader = true;
    private boolean busy;
    private boolean closing;
    private String streamId;
    private String username;
    private C2sSession session;
    private final Link link = new Link();
    private boolean smEnabled;
    private long lastInputNanos = System.nanoTime();
    private boolean pingOutstanding;

    /**
     * @param services  shared server services
     * @param directTls true when TLS was negotiated at connect (XEP-0368)
     */
    public C2sStreamHandler(C2sServices services, boolean directTls) {
        this.services = services;
        this.domain = services.config().domain();
        this.tlsActive = directTls;
        this.phase = directTls ? Phase.SECURED : Phase.CONNECTED;
        this.sasl = new SaslNegotiation(services.sasl(), services.config().sasl().maxFailures());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        services.channels().add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StreamEvent event) {
        lastInputNanos = System.nanoTime();
        pingOutstanding = false;
        if (closing) return;
        if (busy) {
            backlog.add(event);
            return;
        }
        handle(event);
    }

    private void handle(StreamEvent event) {
        switch (event) {
            case StreamEvent.StreamOpen open -> onStreamOpen(open);
            case StreamEvent.Stanza stanza -> onElement(stanza.element());
            case StreamEvent.StreamClose close -> onStreamClose();
        }
    }

    // ---- stream headers (RFC 6120 §4.2, §4.3) ----

    private void onStreamOpen(StreamEvent.StreamOpen open) {
        if (!awaitingHeader) {
            streamError(StreamErrorCondition.INVALID_XML, "unexpected stream header");
            return;
        }
        streamId = UUID.randomUUID().toString();
        Map<String, String> attributes = open.attributes();
        String clientFrom = attributes.get("from");
        send(XmlWriter.streamHeader(Namespaces.CLIENT, domain, streamId, "en", validJidOrNull(clientFrom)));
        headerSent = true;
        awaitingHeader = false;
        // RFC 6120 §4.8.2: the content namespace of a client stream MUST be jabber:client.
        if (!Namespaces.CLIENT.equals(open.namespace())) {
            streamError(StreamErrorCondition.INVALID_NAMESPACE, "the stream namespace must be " + Namespaces.CLIENT);
            return;
        }
        // RFC 6120 §4.9.3.6: a 'to' naming a domain this server does not serve gets <host-unknown/>.
        String to = attributes.get("to");
        if (to != null && !domain.equals(domainOrNull(to))) {
            streamError(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + domain);
            return;
        }
        // RFC 6120 §4.7.5: no version means 0.9, which this server does not support.
        String version = attributes.get("version");
        if (version == null || !version.startsWith("1.")) {
            streamError(StreamErrorCondition.UNSUPPORTED_VERSION, "XMPP 1.0 is required");
            return;
        }
        send(StreamFeatures.of(tlsActive, services.config().c2s().starttlsRequired(), !phase.preAuthentication(),
                services.sasl().offered(), registrationOffered(), services.modules().streamFeatures()));
    }

    private void onStreamClose() {
        // RFC 6120 §4.4: answer the closing tag with ours, then close the connection.
        closing = true;
        endSession();
        ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), CLOSE)).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- first-level elements ----

    private void onElement(Element element) {
        if (awaitingHeader) {
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "stream header expected");
            return;
        }
        String ns = element.getNamespaceURI();
        if (Namespaces.TLS.equals(ns)) {
            onStartTls(element);
        } else if (Namespaces.SASL.equals(ns)) {
            onSasl(element);
        } else if (SmNonzas.NAMESPACE.equals(ns) && !phase.preAuthentication()) {
            onStreamManagement(element);
        } else if (ClientStateIndication.NAMESPACE.equals(ns) && !phase.preAuthentication()) {
            onClientState(element);
        } else if (phase == Phase.BOUND) {
            // XEP-0198 §4: every stanza the server processes counts as handled (nonzas never do).
            if (smEnabled) session.stanzaHandled();
            StanzaGate.Result result = StanzaGate.admit(element, session.jid(), services.config().limits().maxBodyChars());
            switch (result) {
                case StanzaGate.Result.Accepted accepted -> {
                    var routed = services.router().routeFromClient(accepted.stanza()).toCompletableFuture();
                    if (!routed.isDone()) {
                        // An interceptor works off the event loop: hold this client's next stanzas until it is done.
                        busy = true;
                        routed.whenComplete((ok, error) -> ctx.executor().execute(this::resume));
                    }
                }
                case StanzaGate.Result.Rejected rejected -> {
                    if (rejected.errorReply().getFrom() == null) rejected.errorReply().setFrom(domain);
                    session.deliver(rejected.errorReply());
                }
                case StanzaGate.Result.Dropped dropped -> log.debug("Dropped a malformed error stanza from {}", session.jid());
                case StanzaGate.Result.Fatal fatal -> streamError(fatal.condition(), fatal.text());
            }
        } else if (phase == Phase.AUTHENTICATED && isIq(element)) {
            onBindPhaseIq(element);
        } else if (phase.preAuthentication() && isRegistrationIq(element)) {
            onPreAuthRegistration(element);
        } else {
            // RFC 6120 §4.9.3.12: stanzas sent before the stream is authenticated (and bound).
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "authenticate and bind a resource first");
        }
    }

    // ---- STARTTLS (RFC 6120 §5.4) ----

    private void onStartTls(Element element) {
        if (!"starttls".equals(element.getName()) || phase != Phase.CONNECTED || tlsActive) {
            // RFC 6120 §5.4.2.2: failure case: send <failure/> and close the stream.
            sendAndClose("<failure xmlns='" + Namespaces.TLS + "'/>" + CLOSE);
            return;
        }
        SslHandler tls = services.sslContext().newHandler(ctx.alloc());
        tls.setHandshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(30));
        // startTls=true semantics: <proceed/> must leave in plaintext, so write it before adding the handler.
        ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), "<proceed xmlns='" + Namespaces.TLS + "'/>"));
        ctx.pipeline().addFirst("tls", tls);
        tlsActive = true;
        phase = phase.afterTls();
        restartStream();
        tls.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("TLS handshake failed on {}: {}", ctx.channel(), f.cause().toString());
                ctx.close();
            }
        });
    }

    // ---- SASL (RFC 6120 §6) ----

    private void onSasl(Element element) {
        if (!phase.preAuthentication()) {
            streamError(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");
            return;
        }
        if (!tlsActive && services.config().c2s().starttlsRequired()) {
            // RFC 6120 §6.5.4: <encryption-required/> when TLS must be negotiated first.
            send("<failure xmlns='" + Namespaces.SASL + "'><encryption-required/></failure>");
            return;
        }
        busy = true;
        services.blocking().execute(() -> {
            SaslNegotiation.Outcome outcome = sasl.process(element);
            ctx.executor().execute(() -> onSaslOutcome(outcome));
        });
    }

    private void onSaslOutcome(SaslNegotiation.Outcome outcome) {
        if (!ctx.channel().isActive()) return;
        send(outcome.xml());
        switch (outcome.result()) {
            case SUCCESS -> {
                username = outcome.username();
                phase = phase.afterSasl();
                log.info("{} authenticated on {}", username, ctx.channel().remoteAddress());
                restartStream();
            }
            case TOO_MANY_FAILURES -> streamError(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts");
            case CONTINUE -> {
            }
        }
        resume();
    }

    // ---- resource binding (RFC 6120 §7) ----

    private void onBindPhaseIq(Element element) {
        IQ iq = new IQ(element, true);
        Element child = iq.getChildElement();
        if (iq.getType() == IQ.Type.set && child != null && "session".equals(child.getName())
                && Namespaces.SESSION.equals(child.getNamespaceURI())) {
            send(IQ.createResultIQ(iq));
            return;
        }
        if (iq.getType() != IQ.Type.set || child == null || !"bind".equals(child.getName())
                || !Namespaces.BIND.equals(child.getNamespaceURI())) {
            // RFC 6120 §7.2: until a resource is bound the client can send nothing else.
            streamError(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
            return;
        }
        ResourceBinder.Outcome outcome = ResourceBinder.bind(iq, username, domain);
        if (outcome.error() != null) {
            send(outcome.error());
            return;
        }
        session = new C2sSession(outcome.jid(), streamId, ctx.channel().eventLoop(), services, link);
        phase = phase.afterBind();
        // This node's map first: a stanza routed to the JID from now on finds this session, also one the older
        // session routes again as it ends.
        var older = services.locals().put(session);
        services.table().put(new SessionEntry(session.jid(), streamId, services.nodeId(), 0, false));
        // RFC 6120 §7.7.2.2: the server's policy is to terminate the older session with <conflict/>.
        older.filter(old -> old != session)
                .ifPresent(old -> old.close(StreamErrorCondition.CONFLICT, "replaced by a new connection"));
        services.modules().sessionBound(session.jid());
        log.info("Bound {} on {}", session.jid(), ctx.channel().remoteAddress());
        IQ result = IQ.createResultIQ(iq);
        result.setChildElement("bind", Namespaces.BIND).addElement("jid").setText(session.jid().toString());
        send(result);
    }

    // ---- in-band registration before authentication (XEP-0077 §3) ----

    private boolean isRegistrationIq(Element element) {
        if (!isIq(element) || !registrationOffered()) return false;
        Element child = element.elements().size() == 1 ? element.elements().get(0) : null;
        return child != null && Namespaces.REGISTER.equals(child.getNamespaceURI());
    }

    private void onPreAuthRegistration(Element element) {
        IQ iq = new IQ(element, true);
        iq.setFrom((JID) null);
        iq.setTo((JID) null);
        if (!iq.isRequest()) return;
        busy = true;
        // Only the reply goes back: the stream has no address yet for anything else a handler might queue.
        java.util.concurrent.atomic.AtomicBoolean replied = new java.util.concurrent.atomic.AtomicBoolean();
        Function<Packet, CompletionStage<Void>> sink = stanza -> {
            boolean reply = stanza instanceof IQ answer && !answer.isRequest() && iq.getID() != null
                    && iq.getID().equals(answer.getID());
            if (!reply || !replied.compareAndSet(false, true)) return CompletableFuture.completedFuture(null);
            CompletableFuture<Void> written = new CompletableFuture<>();
            ctx.executor().execute(() -> {
                stanza.setTo((JID) null);
                stanza.setFrom((JID) null);
                send(stanza);
                resume();
                written.complete(null);
            });
            return written;
        };
        services.dispatcher().dispatch(iq, IqTarget.SERVER, sink);
    }

    // ---- keepalive (XEP-0199 §4.2: server-to-client pings) ----

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (phase != Phase.BOUND) {
            streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "idle before binding a resource");
            return;
        }
        if (pingOutstanding) return;
        pingOutstanding = true;
        long sentAt = System.nanoTime();
        if (smEnabled) {
            // XEP-0198 §4: with stream management, the client must answer <r/>: no stanza needed (and none counted).
            session.requestAcknowledgement();
        } else {
            IQ ping = new IQ(IQ.Type.get, "ka-" + Long.toHexString(sentAt));
            ping.setFrom(domain);
            ping.setTo(session.jid());
            ping.setChildElement("ping", Namespaces.PING);
            send(ping);
        }
        int timeout = services.config().keepalive().pingTimeoutSeconds();
        ctx.executor().schedule(() -> {
            if (lastInputNanos - sentAt < 0 && ctx.channel().isActive() && !closing && session != null) {
                if (session.isResumable()) {
                    // XEP-0198 §5: the connection is dead but the session is not: close it and let the client resume.
                    log.info("{} did not answer a ping in {} s: closing its connection, the session waits", session.jid(), timeout);
                    ctx.close();
                } else {
                    log.info("{} did not answer a ping in {} s: closing", session.jid(), timeout);
                    streamError(StreamErrorCondition.CONNECTION_TIMEOUT, "no answer to ping");
                }
            }
        }, timeout, TimeUnit.SECONDS);
    }

    // ---- errors and closing ----

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof XmppStreamException e) {
            streamError(e.condition(), e.getMessage());
            return;
        }
        if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("TLS error on {}: {}", ctx.channel(), cause.getCause().toString());
        } else if (cause instanceof java.io.IOException) {
            log.debug("I/O error on {}: {}", ctx.channel(), cause.toString());
        } else {
            log.warn("Unexpected error on {}", ctx.channel(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (session != null) {
            // Closed without </stream:stream> (a stream that ended properly has let go of its session already).
            C2sSession lost = session;
            session = null;
            lost.connectionLost(link);
        }
        ctx.fireChannelInactive();
    }

    /**
     * Ends the stream with a stream error (RFC 6120 §4.9): header first if none was sent, then the error and the
     * closing tag, then closes the connection.
     */
    void streamError(StreamErrorCondition condition, String text) {
        streamError(condition, text, null);
    }

    /** {@link #streamError(StreamErrorCondition, String)} with an application-specific condition (RFC 6120 §4.9.4). */
    private void streamError(StreamErrorCondition condition, String text, String applicationCondition) {
        if (closing || !ctx.channel().isActive()) return;
        if (!headerSent) {
            send(XmlWriter.streamHeader(Namespaces.CLIENT, domain, UUID.randomUUID().toString(), "en", null));
            headerSent = true;
        }
        log.debug("Stream error {} on {}: {}", condition, ctx.channel(), text);
        closing = true;
        endSession();
        sendAndClose(XmlWriter.streamError(condition, text, applicationCondition) + CLOSE);
    }

    /**
     * Server shutdown: {@code <system-shutdown/>} to this client (RFC 6120 §4.9.3.20).
     *
     * @return completes once the session (if any) has ended and what it never acknowledged was routed again
     */
    public CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            C2sSession ending = session;
            streamError(StreamErrorCondition.SYSTEM_SHUTDOWN, "the server is shutting down");
            (ending == null ? CompletableFuture.<Void>completedFuture(null) : ending.end())
                    .whenComplete((ignored, error) -> done.complete(null));
        });
        return done;
    }

    /** The stream ended properly (either side): so does its session, which routes its unacknowledged stanzas again. */
    private void endSession() {
        if (session == null) return;
        C2sSession ended = session;
        session = null;
        ended.end();
    }

    // ---- helpers ----

    private void restartStream() {
        ctx.pipeline().get(XmppStreamDecoder.class).restart();
        awaitingHeader = true;
        headerSent = false;
        backlog.clear();
    }

    private void resume() {
        busy = false;
        while (!busy && !closing && !backlog.isEmpty()) handle(backlog.poll());
    }

    private boolean registrationOffered() {
        return services.config().registration().enabled()
                && (tlsActive || !services.config().c2s().starttlsRequired());
    }

    private void send(String xml) {
        ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), xml));
    }

    private void send(Packet stanza) {
        send(toXml(stanza));
    }

    private void sendAndClose(String xml) {
        ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), xml)).addListener(ChannelFutureListener.CLOSE);
    }

    private static String toXml(Packet stanza) {
        return C2sSession.toXml(stanza);
    }

    private static boolean isIq(Element element) {
        return "iq".equals(element.getName()) && Namespaces.CLIENT.equals(element.getNamespaceURI());
    }

    private static String validJidOrNull(String jid) {
        if (jid == null) return null;
        try {
            return new JID(jid).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String domainOrNull(String to) {
        try {
            return JID.domainprep(to);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- stream management (XEP-0198) ----

    private void onStreamManagement(Element element) {
        switch (element.getName()) {
            case "enable" -> onEnable(element);
            case "resume" -> onResume(element);
            case "r" -> {
                // §4: "When a party receives an <r/> element it MUST immediately send an <a/> element"; after the
                // stanzas before it (held back while the server was busy) have been handled, so 'h' counts them.
                if (smEnabled) send(SmNonzas.ack(session.handled()));
                else log.debug("<r/> before stream management was enabled on {}", ctx.channel());
            }
            case "a" -> {
                long h = SmCounter.parse(element.attributeValue("h"));
                if (h < 0) streamError(StreamErrorCondition.INVALID_XML, "'h' must be an unsigned 32-bit integer");
                else if (smEnabled) session.acknowledged(h);
            }
            default -> streamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unsupported element {" + SmNonzas.NAMESPACE + "}" + element.getName());
        }
    }

    private void onEnable(Element element) {
        if (phase != Phase.BOUND || smEnabled) {
            // §3: enabling before resource binding (or a second time) is answered with <failed/> and
            // <unexpected-request/>.
            send(SmNonzas.failed("unexpected-request"));
            return;
        }
        String resume = element.attributeValue("resume");
        long max = SmCounter.parse(element.attributeValue("max"));
        smEnabled = true;
        session.enableStreamManagement("true".equals(resume) || "1".equals(resume), Math.max(max, 0));
    }

    private void onResume(Element element) {
        if (phase != Phase.AUTHENTICATED) {
            // §5: resumption takes the place of resource binding; a bound stream has nothing to resume.
            send(SmNonzas.failed("unexpected-request"));
            return;
        }
        String previd = element.attributeValue("previd");
        long h = SmCounter.parse(element.attributeValue("h"));
        if (previd == null || h < 0) {
            send(SmNonzas.failed("bad-request"));
            return;
        }
        JID account = new JID(username, domain, null);
        var found = services.resumables().find(previd, account);
        if (found.isEmpty()) {
            // §5: an unknown or expired session (or another account's) gets <item-not-found/>; the client may bind.
            // For a session that ended lately, 'h' says which of the client's stanzas were handled.
            var handled = services.resumables().handledBy(previd, account);
            send(handled.map(count -> SmNonzas.failed("item-not-found", count)).orElseGet(() -> SmNonzas.failed("item-not-found")));
            return;
        }
        C2sSession resumed = found.get();
        // Held from now: if this connection dies while it takes over, the session detaches again.
        session = resumed;
        busy = true;
        resumed.resume(link, h).whenComplete((outcome, error) -> ctx.executor().execute(() -> onResumption(resumed, outcome)));
    }

    private void onResumption(C2sSession resumed, C2sSession.Resumption outcome) {
        if (closing) return;
        switch (outcome) {
            case C2sSession.Resumption.Resumed r -> {
                phase = phase.afterResume();
                smEnabled = true;
                log.info("Resumed {} on {}", resumed.jid(), ctx.channel().remoteAddress());
            }
            case C2sSession.Resumption.Gone g -> {
                session = null;
                send(SmNonzas.failed("item-not-found"));
            }
            case C2sSession.Resumption.TooHigh high -> {
                session = null;
                // §4: the client acknowledged more than the server sent.
                streamError(StreamErrorCondition.UNDEFINED_CONDITION, "acknowledged more stanzas than were sent",
                        SmNonzas.handledCountTooHigh(high.h(), high.sendCount()));
            }
            case null -> {
                session = null;
                send(SmNonzas.failed("internal-server-error"));
            }
        }
        resume();
    }

    // ---- client state indication (XEP-0352) ----

    private void onClientState(Element element) {
        if (phase != Phase.BOUND) {
            log.debug("Client state before binding ignored on {}", ctx.channel());
            return;
        }
        switch (element.getName()) {
            case "active" -> session.clientActive();
            case "inactive" -> session.clientInactive();
            default -> streamError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unsupported element {" + ClientStateIndication.NAMESPACE + "}" + element.getName());
        }
    }

    /** This stream as its session's connection ({@link C2sSession.Link}). */
    private final class Link implements C2sSession.Link {
        @Override
        public void write(String xml) {
            ctx.channel().writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), xml));
        }

        @Override
        public void write(SplicedStanza shared, String to) {
            ctx.channel().writeAndFlush(shared.write(ctx.alloc(), to));
        }

        @Override
        public boolean isOpen() {
            return ctx.channel().isActive();
        }

        @Override
        public void streamError(StreamErrorCondition condition, String text, String applicationCondition) {
            ctx.executor().execute(() -> C2sStreamHandler.this.streamError(condition, text, applicationCondition));
        }

        @Override
        public CompletionStage<Void> takenOver() {
            CompletableFuture<Void> released = new CompletableFuture<>();
            ctx.executor().execute(() -> {
                // Let go of the session first: closing this stream must neither end nor detach it.
                session = null;
                backlog.clear();
                C2sStreamHandler.this.streamError(StreamErrorCondition.CONFLICT, "the session was resumed on another connection", null);
                closing = true;
                released.complete(null);
            });
            return released;
        }
    }
}
