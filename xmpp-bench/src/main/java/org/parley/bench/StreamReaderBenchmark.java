package org.parley.bench;

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
import org.parley.xmpp.core.stream.StreamEvent;
import org.parley.xmpp.core.stream.StreamLimits;
import org.parley.xmpp.core.stream.XmppStreamException;
import org.parley.xmpp.core.stream.XmppStreamReader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stanzas parsed per second by {@link XmppStreamReader} (Aalto async parser → dom4j), for a typical chat message
 * with a receipt request and a chat state, fed in network-sized chunks of 1,400 bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamReaderBenchmark {
    static final int STANZAS = 1000;
    private static final String HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='localhost' version='1.0'>";
    static final String CHAT = "<message to='romeo@localhost' type='chat' id='%d'>"
            + "<body>But soft, what light through yonder window breaks? It is the east, and Juliet is the sun.</body>"
            + "<request xmlns='urn:xmpp:receipts'/><active xmlns='http://jabber.org/protocol/chatstates'/>"
            + "<origin-id xmlns='urn:xmpp:sid:0' id='%d'/></message>";

    private byte[] header;
    private byte[] stanzas;

    @Setup
    public void setUp() {
        header = HEADER.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < STANZAS; i++) sb.append(CHAT.formatted(i, i));
        stanzas = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One stream of 1,000 chat messages; the score is stanzas per second. */
    @Benchmark
    @OperationsPerInvocation(STANZAS)
    public int parseChatMessages() throws XmppStreamException {
        XmppStreamReader reader = new XmppStreamReader(new StreamLimits(262_144, 64, 64));
        int events = reader.feed(header, 0, header.length).size();
        for (int offset = 0; offset < stanzas.length; offset += 1400) {
            List<StreamEvent> parsed = reader.feed(stanzas, offset, Math.min(1400, stanzas.length - offset));
            events += parsed.size();
        }
        return events;
    }
}
