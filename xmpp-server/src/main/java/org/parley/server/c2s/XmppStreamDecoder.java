package org.parley.server.c2s;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.StreamLimits;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.parley.xmpp.core.stream.XmppStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Feeds inbound bytes to the {@link XmppStreamReader} and passes its {@link StreamEvent}s on, one at a time.
 * Limits are enforced by the reader while parsing. After {@link #restart()} (RFC 6120 §5.4.3.3 and §6.4.6
 * stream restarts) events the old stream had already parsed are discarded: plaintext pipelined after
 * {@code <starttls/>} must never be taken as part of the secured stream.
 */
public final class XmppStreamDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(XmppStreamDecoder.class);

    private final StreamLimits limits;
    private XmppStreamReader reader;
    private boolean failed;

    /** @param limits the stanza size, depth and attribute limits */
    public XmppStreamDecoder(StreamLimits limits) {
        this.limits = limits;
        this.reader = new XmppStreamReader(limits);
    }

    /** Starts a new XML stream on this connection (after STARTTLS or SASL success). */
    public void restart() {
        reader = new XmppStreamReader(limits);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (failed) return;
            XmppStreamReader current = reader;
            List<StreamEvent> events = current.feed(buf);
            for (StreamEvent event : events) {
                if (reader != current) {
                    log.debug("Discarding data pipelined before a stream restart on {}", ctx.channel());
                    return;
                }
                ctx.fireChannelRead(event);
            }
        } catch (XmppStreamException e) {
            failed = true;
            ctx.fireExceptionCaught(e);
        } finally {
            buf.release();
        }
    }
}
