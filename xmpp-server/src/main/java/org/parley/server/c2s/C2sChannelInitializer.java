package org.parley.server.c2s;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.parley.xmpp.core.stream.StreamLimits;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one client connection: [TLS for direct TLS, XEP-0368] → idle detection → XML stream decoder →
 * stream negotiation and session ({@link C2sStreamHandler}).
 */
public final class C2sChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final C2sServices services;
    private final boolean directTls;

    /**
     * @param services  shared server services
     * @param directTls true for the XEP-0368 port where TLS starts at connect
     */
    public C2sChannelInitializer(C2sServices services, boolean directTls) {
        this.services = services;
        this.directTls = directTls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        var limits = services.config().limits();
        if (directTls) ch.pipeline().addLast("tls", services.sslContext().newHandler(ch.alloc()));
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(services.config().keepalive().idleSeconds(), 0, 0, TimeUnit.SECONDS))
                .addLast("xml", new XmppStreamDecoder(new StreamLimits(limits.maxStanzaBytes(), limits.maxDepth(), limits.maxAttributes())))
                .addLast("stream", new C2sStreamHandler(services, directTls));
    }
}
