package org.parley.muc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.parley.archive.ArchiveFilter;
import org.parley.archive.ArchiveIds;
import org.parley.archive.ArchiveWriter;
import org.parley.archive.Direction;
import org.parley.archive.JooqMessageStore;
import org.parley.archive.MessageStore;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.TestDatabases;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room archive on MariaDB behind the figures in {@code docs/muc.md}: one room's archive filled to 300,000
 * messages (and 30,000 in 100 other rooms) through the {@link ArchiveWriter}, then pages of 50 timed in the store and
 * through the room's MAM handler as a client gets them. Run with
 * {@code -Dparley.bench=true -Dtest=RoomArchiveBench}.
 */
@EnabledIfSystemProperty(named = "parley.bench", matches = "true")
class RoomArchiveBench {
    private static final Logger log = LoggerFactory.getLogger(RoomArchiveBench.class);
    private static final int ROWS = 300_000;
    private static final int SAMPLES = 200;

    @Test
    void pagesOfALargeRoomArchive() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.mySql()) {
            MessageStore store = JooqMessageStore.rooms(db.database());
            ArchiveIds ids = new ArchiveIds();
            long start = System.nanoTime();
            try (ArchiveWriter writer = new ArchiveWriter(store, ids, 1_000_000)) {
                String stanza = "<message type='groupchat' from='bench@conference.localhost/nick7'><body>"
                        + "Double, double toil and trouble; Fire burn and cauldron bubble.".repeat(4) + "</body></message>";
                for (int i = 0; i < ROWS + ROWS / 10; i++) {
                    String room = i % 11 == 10 ? "other" + (i % 100) : "bench";
                    writer.append(room, "witch" + (i % 50) + "@localhost", "nick" + (i % 50), Direction.IN, stanza);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info("{} rows written through the archive writer in {} s: {} rows/s", ROWS + ROWS / 10,
                    String.format("%.1f", seconds), String.format("%.0f", (ROWS + ROWS / 10) / seconds));

            assertThat(store.count(ArchiveFilter.of("bench"), ROWS)).isEqualTo(ROWS);
            long first = store.edge("bench", Order.OLDEST_FIRST).orElseThrow().id();
            long last = store.edge("bench", Order.NEWEST_FIRST).orElseThrow().id();
            Random random = new Random(7);
            // A position in the room's archive (ids are time-ordered; any id bounds a page).
            LongSupplier someId = () -> first + (long) (random.nextDouble() * (last - first));

            time("store: last page of 50", () -> store.page(ArchiveFilter.of("bench"), Order.NEWEST_FIRST, 51, 0));
            time("store: page of 50 after a random id", () ->
                    store.page(ArchiveFilter.of("bench").withAfter(someId.getAsLong()), Order.OLDEST_FIRST, 51, 0));
            time("store: page of 50 of one nick (2%) after a random id", () -> store.page(
                    ArchiveFilter.of("bench").withPeer(null, "nick7").withAfter(someId.getAsLong()), Order.OLDEST_FIRST, 51, 0));

            try (RoomArchive archive = new RoomArchive(store, ids, Duration.ZERO, java.time.Clock.systemUTC())) {
                Rooms rooms = new Rooms(new MucSettings("conference.localhost", 100, 100, 50), RoomStore.NONE, archive);
                Room room = rooms.create("bench", new JID("owner@localhost"));
                room.lock(false);
                RoomArchiveHandler handler = new RoomArchiveHandler(rooms);
                time("handler: last page of 50 (RSM <before/>), as a client gets it", () -> {
                    IQ query = new IQ(IQ.Type.set, "q");
                    query.setFrom(new JID("reader@localhost/pc"));
                    query.setTo(room.jid());
                    query.setChildElement("query", "urn:xmpp:mam:2").addElement("set", "http://jabber.org/protocol/rsm")
                            .addElement("before");
                    RecordingOutbox outbox = new RecordingOutbox();
                    handler.handle(room, query, outbox);
                    return outbox.sent();
                });
            }
        }
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static void time(String what, Work work) throws Exception {
        for (int i = 0; i < 10; i++) work.run();
        double[] ms = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        log.info("{}: median {} ms, p95 {} ms", what, String.format("%.2f", ms[SAMPLES / 2]),
                String.format("%.2f", ms[SAMPLES * 95 / 100]));
    }
}
