package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.dom4j.DocumentHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.XmlWriter;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The cost per recipient of turning one groupchat message (XEP-0045 §7.4, with occupant id and chat state) into the
 * bytes written to 100 occupants' channels, without routing: before, each recipient's copy was copied again by
 * its session and serialised and encoded on its own; with {@link SplicedStanza}, the message is serialised once and
 * each recipient's copy (still made: its interceptors may change it) is checked with {@code fits} and written with
 * its {@code to} spliced in. Throughput is in deliveries (one recipient's bytes) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {
    private static final int OCCUPANTS = 100;
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
    private Message message;
    private List<JID> occupants;

    @Setup
    public void setUp() throws Exception {
        message = new Message(DocumentHelper.parseText("<message xmlns='jabber:client' type='groupchat' id='a1b2c3d4'"
                + " from='bench@conference.localhost/Mercutio'><body>O Romeo, Romeo! wherefore art thou Romeo? Deny thy"
                + " father and refuse thy name &amp; I'll no longer be a Capulet.</body>"
                + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<occupant-id xmlns='urn:xmpp:occupant-id:0' id='dGhpcyBpcyBhbiBvY2N1cGFudCBpZA=='/>"
                + "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4-431b-adb2-eb6b9e546014'/></message>")
                .getRootElement());
        occupants = IntStream.range(0, OCCUPANTS).mapToObj(i -> new JID("user" + i + "@localhost/phone")).toList();
    }

    /** Before: the room's copy per occupant, the session's copy of it, serialised and encoded per channel. */
    @Benchmark
    @OperationsPerInvocation(OCCUPANTS)
    public long perCopy() {
        long bytes = 0;
        for (JID to : occupants) {
            Message copy = message.createCopy();
            copy.setTo(to);
            Message sessionCopy = copy.createCopy();
            ByteBuf out = ByteBufUtil.writeUtf8(ALLOC, XmlWriter.toXml(sessionCopy.getElement(), Namespaces.CLIENT));
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /** After: serialised once; per occupant its own copy (for its interceptors), the fit check and the splice. */
    @Benchmark
    @OperationsPerInvocation(OCCUPANTS)
    public long spliced() {
        Message template = message.createCopy();
        SplicedStanza shared = SplicedStanza.of(template.getElement(), Namespaces.CLIENT);
        long bytes = 0;
        for (JID to : occupants) {
            Message copy = template.createCopy();
            copy.setTo(to);
            if (!shared.fits(copy.getElement())) throw new IllegalStateException("an unchanged copy must fit");
            ByteBuf out = shared.write(ALLOC, copy.getElement().attributeValue("to"));
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /** The splice alone, per occupant: what an event loop does for each channel. */
    @Benchmark
    @OperationsPerInvocation(OCCUPANTS)
    public long spliceOnly() {
        SplicedStanza shared = SplicedStanza.of(message.getElement(), Namespaces.CLIENT);
        long bytes = 0;
        for (JID to : occupants) {
            ByteBuf out = shared.write(ALLOC, to.toString());
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
