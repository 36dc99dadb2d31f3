package org.parley.server.module;

import org.parley.server.routing.Stanzas;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.IqTarget;
import org.parley.xmpp.core.module.Outbox;
import org.parley.xmpp.core.module.StanzaErrorException;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Dispatches an IQ request to the one handler registered for its key and sends the reply; an unhandled request
 * gets {@code service-unavailable} here, in one place (RFC 6120 §8.4). Blocking handlers run on {@code blocking}
 * (virtual threads), never on the calling event loop.
 */
public final class IqDispatcher {
    private static final Logger log = LoggerFactory.getLogger(IqDispatcher.class);

    private final ModuleRegistry registry;
    private final Executor blocking;
    private final Predicate<String> accountExists;

    /**
     * @param registry      where handlers are registered
     * @param blocking      the executor for handlers that block (one virtual thread per task)
     * @param accountExists whether a local username has an account (blocking)
     */
    public IqDispatcher(ModuleRegistry registry, Executor blocking, Predicate<String> accountExists) {
        this.registry = registry;
        this.blocking = blocking;
        this.accountExists = accountExists;
    }

    /**
     * Handles {@code request} and passes the reply and any outbox stanzas to {@code sink}.
     *
     * @param request a get/set IQ with {@code from} stamped (or null for pre-authentication registration)
     * @param target  how the router classified its {@code to}
     * @param sink    receives the extra stanzas (e.g. roster pushes), then the reply; completes when it has taken
     *                one (the handler's after-reply actions wait for the reply's, so nothing overtakes it)
     */
    public void dispatch(IQ request, IqTarget target, Function<Packet, CompletionStage<Void>> sink) {
        JID to = request.getTo();
        JID from = request.getFrom();
        if (target == IqTarget.ACCOUNT && to != null && to.getNode() != null
                && (from == null || !to.toBareJID().equals(from.toBareJID()))) {
            // RFC 6121 §8.5.1: a request to an account that does not exist gets <service-unavailable/>.
            blocking.execute(() -> {
                if (accountExists.test(to.getNode())) {
                    dispatchToHandler(request, target, sink);
                } else {
                    sink.apply(Stanzas.iqError(request, new StanzaErrorException(PacketError.Condition.service_unavailable)));
                }
            });
            return;
        }
        dispatchToHandler(request, target, sink);
    }

    private void dispatchToHandler(IQ request, IqTarget target, Function<Packet, CompletionStage<Void>> sink) {
        Element child = request.getChildElement();
        if (child == null) {
            // RFC 6120 §8.2.3: "An IQ stanza of type get or set MUST contain exactly one child element".
            sink.apply(Stanzas.iqError(request, new StanzaErrorException(PacketError.Condition.bad_request,
                    "an IQ request needs exactly one child element")));
            return;
        }
        IqKey key = new IqKey(target, request.getType(), child.getName(), child.getNamespaceURI());
        IqHandler handler = registry.handler(key).orElse(null);
        if (handler == null) {
            // RFC 6120 §8.4: "the recipient MUST return a <service-unavailable/> error" for an unknown payload.
            sink.apply(Stanzas.iqError(request, new StanzaErrorException(PacketError.Condition.service_unavailable)));
            return;
        }
        if (handler.blocking()) {
            blocking.execute(() -> invoke(handler, request, sink));
        } else {
            invoke(handler, request, sink);
        }
    }

    private static void invoke(IqHandler handler, IQ request, Function<Packet, CompletionStage<Void>> sink) {
        IQ reply;
        List<Packet> extra = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        Outbox outbox = new Outbox() {
            @Override
            public void send(Packet stanza) {
                extra.add(stanza);
            }

            @Override
            public void afterReply(Runnable action) {
                after.add(action);
            }
        };
        try {
            reply = handler.handle(request, outbox);
            if (reply.getID() == null) reply.setID(request.getID());
            if (reply.getTo() == null && request.getFrom() != null) reply.setTo(request.getFrom());
            if (reply.getFrom() == null) reply.setFrom(replyFrom(request));
        } catch (StanzaErrorException e) {
            extra.clear();
            after.clear();
            reply = Stanzas.iqError(request, e);
        } catch (RuntimeException e) {
            extra.clear();
            after.clear();
            log.error("Handler {} failed on {}", handler.getClass().getSimpleName(), request.toXML(), e);
            reply = Stanzas.iqError(request, new StanzaErrorException(PacketError.Condition.internal_server_error));
        }
        // Extra stanzas first: a client that gets the result of a roster set has already had its pushes (RFC 6121
        // §2.3.2 names both, not their order), so its roster is current when its request completes.
        extra.forEach(sink::apply);
        // An after-reply action (e.g. closing the streams of a cancelled account) waits until the reply has been
        // handed to its session, so it cannot overtake it.
        sink.apply(reply).whenComplete((v, e) -> after.forEach(Runnable::run));
    }

    private static JID replyFrom(IQ request) {
        return request.getTo();
    }
}
