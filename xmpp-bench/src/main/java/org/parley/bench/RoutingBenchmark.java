package org.parley.bench;

import org.dom4j.DocumentHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.server.routing.Decision;
import org.parley.server.routing.RoutingRules;
import org.parley.server.session.LocalSessionTable;
import org.parley.server.session.SessionEntry;
import org.parley.xmpp.core.stream.XmlWriter;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

import java.util.concurrent.TimeUnit;

/**
 * The per-message cost of the routing decision (RFC 6121 §8 rules over a session table of 10,000 users with two
 * resources each) and of serialising the stanza for the wire ({@link XmlWriter}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutingBenchmark {
    private final LocalSessionTable table = new LocalSessionTable();
    private Message toBareJid;

    @Setup
    public void setUp() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            table.put(new SessionEntry(new JID("user" + i + "@localhost/phone"), "s" + i + "a", "local", 5, true));
            table.put(new SessionEntry(new JID("user" + i + "@localhost/laptop"), "s" + i + "b", "local", 0, true));
        }
        toBareJid = new Message(DocumentHelper.parseText(StreamReaderBenchmark.CHAT.formatted(1, 1)
                .replace("<message", "<message xmlns='jabber:client'").replace("romeo@localhost", "user4242@localhost"))
                .getRootElement());
        toBareJid.setFrom(new JID("user7@localhost/phone"));
    }

    /** RFC 6121 §8.5.2.1.1: a chat message to a bare JID goes to the highest-priority resource. */
    @Benchmark
    public Decision decideChatToBareJid() {
        return RoutingRules.decide(toBareJid, "localhost", table);
    }

    /** The stanza as written to a client stream. */
    @Benchmark
    public String serialiseChatMessage() {
        return XmlWriter.toXml(toBareJid.getElement(), "jabber:client");
    }
}
