package org.parley.archive;

import org.dom4j.DocumentHelper;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.Database;
import org.parley.schema.TestDatabases;
import org.parley.xmpp.core.module.IqHandler;
import org.parley.xmpp.core.module.IqKey;
import org.parley.xmpp.core.module.testing.RecordingModuleContext;
import org.parley.xmpp.core.module.testing.RecordingOutbox;
import org.parley.xmpp.core.module.testing.RecordingRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.parley.schema.jooq.Tables.ACCOUNT;
import static org.parley.schema.jooq.Tables.ARCHIVE_MESSAGE;

/**
 * Not a test: the archive benchmark behind the figures in {@code docs/archive.md}, run by hand against MariaDB.
 * Fills one user's archive to {@code -Drows} messages (default 5,000,000) through the {@link ArchiveWriter} — which
 * gives the batched insert rate — plus one message in ten for 200 other users, then shows the plans (EXPLAIN and
 * MariaDB's ANALYZE) of the page and count statements and times pages of 50: in the store, and through the query
 * handler as a client gets them (form parsing, existence checks, count and index, result stanzas). The database
 * ({@code parley_archive_bench}) is kept, so a second run only measures; {@code -Ddrop=true} drops it at the end.
 *
 * <pre>
 * java -cp ... -Drows=5000000 org.parley.archive.ArchiveBench
 * </pre>
 */
public final class ArchiveBench {
    private static final Logger log = LoggerFactory.getLogger(ArchiveBench.class);
    private static final String OWNER = "bench";
    private static final int PEERS = 50;
    private static final String RARE_PEER = "rare@remote.example";
    private static final int SAMPLES = 200;

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("rows", 5_000_000);
        String server = System.getProperty("server", TestDatabases.DEFAULT_MYSQL_URL);
        String name = "parley_archive_bench";
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        try (Database database = Database.open(TestDatabases.databaseUrl(server, name), "", "", 4)) {
            DSLContext dsl = database.dsl();
            JooqArchiveStore store = new JooqArchiveStore(database);
            accounts(dsl);
            long have = dsl.fetchCount(ARCHIVE_MESSAGE, ARCHIVE_MESSAGE.OWNER.eq(OWNER));
            if (have < rows) load(store, rows - have);
            long total = dsl.fetchCount(ARCHIVE_MESSAGE);
            log.info("archive_message: {} rows, {} of them {}'s", total, dsl.fetchCount(ARCHIVE_MESSAGE, ARCHIVE_MESSAGE.OWNER.eq(OWNER)), OWNER);
            dsl.execute("ANALYZE TABLE archive_message");
            log.info("table and index size: {}", dsl.fetch("SELECT data_length, index_length FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_name = 'archive_message'").formatCSV(false));
            measure(database, store);
        }
        if (Boolean.getBoolean("drop")) {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + name);
            }
        }
    }

    private static void accounts(DSLContext dsl) {
        List<String> users = new ArrayList<>(List.of(OWNER));
        for (int i = 0; i < 200; i++) users.add("user" + i);
        for (String user : users) {
            dsl.insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT).values(user, LocalDateTime.now(ZoneOffset.UTC))
                    .onDuplicateKeyIgnore().execute();
        }
    }

    /** Appends through the writer from 4 threads, as interceptors on 4 event loops would, and times it. */
    private static void load(ArchiveStore store, long ownerRows) throws Exception {
        ArchiveWriter writer = new ArchiveWriter(store, new ArchiveIds(), 1_000_000);
        AtomicLong appended = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.submit(() -> {
                    Random random = new Random(thread);
                    for (long i = thread; i < ownerRows * 11 / 10; i += 4) {
                        // One message in 11 for another user, the rest for the bench user.
                        boolean other = i % 11 == 10;
                        String owner = other ? "user" + random.nextInt(200) : OWNER;
                        String peer = i % 1000 == 7 ? RARE_PEER : "peer" + random.nextInt(PEERS) + "@remote.example";
                        Direction direction = random.nextBoolean() ? Direction.IN : Direction.OUT;
                        while (writer.backlog() > 200_000) pause();
                        writer.append(owner, new JID(peer + "/phone"), direction, stanza(owner, peer, direction, i));
                        long n = appended.incrementAndGet();
                        if (n % 500_000 == 0) {
                            double seconds = (System.nanoTime() - start) / 1e9;
                            log.info("{} appended, {} behind, {} rows/s so far", n, writer.backlog(), Math.round(n / seconds));
                        }
                    }
                    return null;
                });
            }
        }
        writer.flush(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        writer.close();
        log.info("writer: {} rows in {} s = {} rows/s (batches of up to {})", appended.get(), Math.round(seconds),
                Math.round(appended.get() / seconds), ArchiveWriter.BATCH);
    }

    private static String stanza(String owner, String peer, Direction direction, long i) {
        String me = owner + "@localhost";
        String from = direction == Direction.IN ? peer + "/phone" : me + "/laptop";
        String to = direction == Direction.IN ? me : peer;
        return "<message from='" + from + "' to='" + to + "' type='chat' id='" + Long.toHexString(i * 2654435761L)
                + "'><body>Message number " + i + ": the quick brown fox jumps over the lazy dog, and then some more words"
                + " so that the body is about as long as a real one.</body><origin-id xmlns='urn:xmpp:sid:0' id='o" + i
                + "'/><request xmlns='urn:xmpp:receipts'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>";
    }

    private static void measure(Database database, JooqArchiveStore store) throws Exception {
        DSLContext dsl = database.dsl();
        ArchiveFilter all = ArchiveFilter.of(OWNER);
        long first = store.edge(OWNER, Order.OLDEST_FIRST).orElseThrow().id();
        long last = store.edge(OWNER, Order.NEWEST_FIRST).orElseThrow().id();
        Random random = new Random(42);
        LongSupplier anywhere = () -> first + (long) (random.nextDouble() * (last - first));
        String peer = "peer7@remote.example";
        long middle = first + (last - first) / 2;

        plan(dsl, "last page by owner (RSM <before/>)", store.pageQuery(all, Order.NEWEST_FIRST, 51, 0));
        plan(dsl, "page by owner after an id (RSM <after/>)", store.pageQuery(all.withAfter(middle), Order.OLDEST_FIRST, 51, 0));
        plan(dsl, "page by owner before an id (RSM <before>id</before>)", store.pageQuery(all.withBefore(middle), Order.NEWEST_FIRST, 51, 0));
        plan(dsl, "page by owner + with after an id", store.pageQuery(all.withPeer(peer, null).withAfter(middle), Order.OLDEST_FIRST, 51, 0));
        plan(dsl, "page by owner + with between two ids", store.pageQuery(all.withPeer(peer, null).withAfter(middle)
                .withBefore(middle + (last - middle) / 10), Order.OLDEST_FIRST, 51, 0));
        plan(dsl, "count, capped", store.countQuery(all, ArchivePager.COUNT_LIMIT));

        time("store: last page by owner", () -> store.page(all, Order.NEWEST_FIRST, 51, 0));
        time("store: page by owner after a random id", () -> store.page(all.withAfter(anywhere.getAsLong()), Order.OLDEST_FIRST, 51, 0));
        time("store: page by owner before a random id", () -> store.page(all.withBefore(anywhere.getAsLong()), Order.NEWEST_FIRST, 51, 0));
        time("store: page by owner + with (2% of rows) after a random id",
                () -> store.page(all.withPeer(peer, null).withAfter(anywhere.getAsLong()), Order.OLDEST_FIRST, 51, 0));
        time("store: page by owner + with (0.1% of rows) after a random id",
                () -> store.page(all.withPeer(RARE_PEER, null).withAfter(anywhere.getAsLong()), Order.OLDEST_FIRST, 51, 0));
        time("store: count capped at " + ArchivePager.COUNT_LIMIT, () -> store.count(all, ArchivePager.COUNT_LIMIT));
        time("store: count with (2% of rows)", () -> store.count(all.withPeer(peer, null), ArchivePager.COUNT_LIMIT));

        ArchiveModule module = new ArchiveModule(store, new ArchiveIds(), ArchiveMode.ALWAYS, Duration.ZERO, (u, j) -> false,
                Executors.newVirtualThreadPerTaskExecutor());
        RecordingModuleContext context = new RecordingModuleContext("localhost", new RecordingRouter(), bare -> List.of());
        module.start(context);
        IqHandler handler = context.handler(IqKey.account(IQ.Type.set, "query", ArchiveModule.NAMESPACE)).orElseThrow();
        JID requester = new JID(OWNER + "@localhost/laptop");
        time("handler: last page of 50 (as a client gets it)", () -> handler.handle(iq(requester, "<set xmlns='"
                + ArchiveQuery.RSM + "'><max>50</max><before/></set>"), new RecordingOutbox()));
        time("handler: page of 50 after a random id", () -> {
            long after = store.page(all.withAfter(anywhere.getAsLong()), Order.OLDEST_FIRST, 1, 0).getFirst().id();
            return handler.handle(iq(requester, "<set xmlns='" + ArchiveQuery.RSM + "'><max>50</max><after>"
                    + ArchiveIds.format(after) + "</after></set>"), new RecordingOutbox());
        });
        time("handler: page of 50 with a peer after a random id", () -> {
            long after = store.page(all.withPeer(peer, null).withAfter(anywhere.getAsLong()), Order.OLDEST_FIRST, 1, 0).getFirst().id();
            return handler.handle(iq(requester, "<x xmlns='jabber:x:data' type='submit'><field var='with'><value>" + peer
                    + "</value></field></x><set xmlns='" + ArchiveQuery.RSM + "'><max>50</max><after>"
                    + ArchiveIds.format(after) + "</after></set>"), new RecordingOutbox());
        });
        module.stop();
    }

    private static IQ iq(JID from, String content) throws Exception {
        IQ iq = new IQ(DocumentHelper.parseText("<iq xmlns='jabber:client' type='set' id='b'><query xmlns='"
                + ArchiveModule.NAMESPACE + "'>" + content + "</query></iq>").getRootElement());
        iq.setFrom(from);
        return iq;
    }

    private static void plan(DSLContext dsl, String what, org.jooq.Query query) {
        String sql = dsl.renderInlined(query);
        Result<Record> explain = dsl.fetch("EXPLAIN " + sql);
        Result<Record> analyze = dsl.fetch("ANALYZE " + sql);
        log.info("{}\n  {}\n  EXPLAIN:\n{}  ANALYZE:\n{}", what, sql, indent(explain.format()), indent(analyze.format()));
    }

    private static String indent(String table) {
        StringBuilder out = new StringBuilder();
        for (String line : table.split("\n")) out.append("    ").append(line).append('\n');
        return out.toString();
    }

    /** Work to time. */
    private interface Work {
        Object run() throws Exception;
    }

    private static void time(String what, Work work) throws Exception {
        for (int i = 0; i < 10; i++) work.run(); // warm-up
        long[] micros = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            work.run();
            micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t);
        }
        Arrays.sort(micros);
        log.info(String.format("%-62s median %6.2f ms, p95 %6.2f ms, max %6.2f ms (%d runs)", what,
                micros[SAMPLES / 2] / 1000.0, micros[SAMPLES * 95 / 100] / 1000.0, micros[SAMPLES - 1] / 1000.0, SAMPLES));
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
