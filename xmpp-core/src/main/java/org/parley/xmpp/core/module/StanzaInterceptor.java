package org.parley.xmpp.core.module;

import org.xmpp.packet.Packet;

import java.util.concurrent.CompletionStage;

/**
 * Sees stanzas on their way through the server, in {@link InterceptorStage} order, before the delivery rules of
 * RFC 6121 §8. A verdict that is not yet complete holds back the sending client's next stanza until it is, so the
 * order of one sender's stanzas is kept even when an interceptor does blocking work off the event loop.
 */
public interface StanzaInterceptor {
    /**
     * A stanza a local client sent, with its {@code from} stamped (a full JID), before routing.
     *
     * @return the verdict; {@link Verdict#proceed()} when not concerned
     */
    default CompletionStage<Verdict> outbound(Packet stanza) {
        return Verdict.proceed();
    }

    /**
     * A stanza addressed to a local account (its bare JID or one of its full JIDs), from anyone, before delivery.
     * Must not block: long work goes to another thread, and the verdict may complete when it is done (the sending
     * client's next stanza waits for it, which keeps that client's stanzas in order across recipients).
     *
     * @return the verdict; {@link Verdict#proceed()} when not concerned
     */
    default CompletionStage<Verdict> inbound(Packet stanza) {
        return Verdict.proceed();
    }
}
