package org.parley.server.routing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.server.session.ClientSession;
import org.parley.xmpp.core.Namespaces;
import org.parley.xmpp.core.stream.SplicedStanza;
import org.parley.xmpp.core.stream.StreamErrorCondition;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fan-out queues its hand-overs on real NIO event loops without waking them, then wakes each loop once: every
 * hand-over runs, and one made after the wake-up (a late interceptor) runs too.
 */
class FanOutWakeUpTest {
    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void everyHandOverRunsOnceTheFanOutWakesItsLoopsAndALateOneRunsAtOnce() throws InterruptedException {
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(11);
        List<LazySession> sessions = IntStream.range(0, 10)
                .mapToObj(i -> new LazySession(new JID("user" + i + "@localhost/r"), loops.next(), written, all)).toList();
        Message m = new Message();
        m.setFrom(new JID("room@conference.localhost/nick"));
        m.setBody("hi");
        FanOut fan = new FanOut(SplicedStanza.of(m.getElement(), Namespaces.CLIENT));
        for (EventExecutor loop : loops) loop.submit(() -> { }).syncUninterruptibly(); // started, then idle in select

        for (LazySession s : sessions) fan.handOver(s, addressed(m, s.jid()));
        fan.wakeUp();

        // A loop asleep in select() runs queued hand-overs only once something wakes it: the fan-out does.
        fan.handOver(sessions.get(3), addressed(m, sessions.get(3).jid()));
        assertThat(all.await(5, TimeUnit.SECONDS)).as("%s", written).isTrue();
        assertThat(written).hasSize(11).allMatch(xml -> xml.startsWith("<message from='room@conference.localhost/nick'"));
    }

    private static Packet addressed(Message m, JID to) {
        Message copy = m.createCopy();
        copy.setTo(to);
        return copy;
    }

    /** Queues each hand-over lazily on its loop, as {@code C2sSession} does, and notes the write. */
    private record LazySession(JID jid, EventExecutor home, List<String> written, CountDownLatch done)
            implements ClientSession {
        @Override
        public String streamId() {
            return jid.toString();
        }

        @Override
        public void deliver(Packet stanza) {
            home.execute(() -> written.add(stanza.getTo().toString()));
        }

        @Override
        public void deliver(Packet stanza, SplicedStanza shared) {
            ((AbstractEventExecutor) home).lazyExecute(() -> {
                written.add(shared.toXml(stanza.getTo().toString()));
                done.countDown();
            });
        }

        @Override
        public Executor loop() {
            return home;
        }

        @Override
        public void close(StreamErrorCondition condition, String text) {
        }
    }
}
