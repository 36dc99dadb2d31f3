package org.parley.muc;

import org.parley.xmpp.core.module.testing.QuietRouter;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.schema.TestDatabases;
import org.parley.xmpp.core.module.StanzaRouter;
import org.parley.xmpp.core.module.UserQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Groupchat fan-out inside the room (no sockets): deliveries per second to a 100-occupant room, counting what the
 * room hands to the router, in a room that is not logged and in a logged one (archive on MariaDB). Run with
 * {@code -Dparley.bench=true -Dtest=MucFanOutBenchmark}.
 */
@EnabledIfSystemProperty(named = "parley.bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MucFanOutBenchmark {
    private static final Logger log = LoggerFactory.getLogger(MucFanOutBenchmark.class);

    @Test
    @Order(1)
    void groupchatToA100OccupantRoom() {
        fanOut(new Rooms(new MucSettings("conference.localhost", 100, 100, 50), RoomStore.NONE), "not logged");
    }

    /** The same room logged (the default): each message also serialised once and queued to the archive writer. */
    @Test
    @Order(2)
    void groupchatToA100OccupantLoggedRoomOnMariaDb() {
        try (TestDatabases.TestDatabase db = TestDatabases.mySql();
             RoomArchive archive = new RoomArchive(org.parley.archive.JooqMessageStore.rooms(db.database()),
                     new org.parley.archive.ArchiveIds(), Duration.ZERO, Clock.systemUTC())) {
            fanOut(new Rooms(new MucSettings("conference.localhost", 100, 100, 50), RoomStore.NONE, archive), "logged");
            long start = System.nanoTime();
            archive.close(); // writes what is still queued
            log.info("Archive writer caught up {} ms after the last message",
                    String.format("%.0f", (System.nanoTime() - start) / 1e6));
        }
    }

    private void fanOut(Rooms rooms, String what) {
        AtomicLong routed = new AtomicLong();
        StanzaRouter counting = new QuietRouter() {
            @Override
            public CompletionStage<Void> route(Packet stanza) {
                stanza.toXML(); // what a session write costs at least: one serialisation per recipient
                routed.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }
        };
        MucService muc = new MucService(rooms, Policies.standard(), counting,
                new UserQueues(Runnable::run), Clock.systemUTC());
        for (int i = 0; i < 100; i++) {
            Presence join = new Presence();
            join.setFrom(new JID("user" + i + "@localhost/bench"));
            join.setTo(new JID("bench@conference.localhost/nick" + i));
            muc.process(join);
            if (i == 0) {
                IQ instant = new IQ(IQ.Type.set);
                instant.setFrom(join.getFrom());
                instant.setTo(new JID("bench@conference.localhost"));
                instant.setChildElement("query", MucNamespaces.OWNER).addElement("x", "jabber:x:data").addAttribute("type", "submit");
                muc.process(instant);
            }
        }
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        m.setTo(new JID("bench@conference.localhost"));
        m.setBody("Double, double toil and trouble; Fire burn and cauldron bubble.");
        for (int warm = 0; warm < 2_000; warm++) send(muc, m, warm);
        routed.set(0);
        int messages = 10_000;
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) send(muc, m, i);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(routed.get()).isEqualTo(messages * 100L);
        log.info("Fan-out ({}): {} messages to 100 occupants = {} deliveries in {} s: {} deliveries/s", what, messages,
                routed.get(), String.format("%.2f", seconds), String.format("%.0f", routed.get() / seconds));
    }

    private static void send(MucService muc, Message template, int i) {
        Message m = template.createCopy();
        m.setFrom(new JID("user" + (i % 100) + "@localhost/bench"));
        m.setID("m" + i);
        muc.process(m);
    }
}
