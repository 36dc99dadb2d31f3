package org.parley.xmpp.core.module.testing;

import org.parley.xmpp.core.module.StanzaRouter;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A {@link StanzaRouter} that takes everything and does nothing, for tests that override the calls they look at. */
public class QuietRouter implements StanzaRouter {
    @Override
    public CompletionStage<Void> route(Packet stanza) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void deliver(JID fullJid, Packet stanza) {
    }

    @Override
    public CompletionStage<IQ> request(IQ request, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no IQ requests in these tests"));
    }
}
