package org.parley.archive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.archive.MessageStore.Order;
import org.parley.schema.TestDatabases;
import org.parley.schema.TestDatabases.TestDatabase;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.schema.jooq.Tables.ACCOUNT;

/** Batched archive writes on H2: ids at once, rows after a flush, nothing lost while the store is unavailable. */
class ArchiveWriterTest {
    private static final JID ALICE = new JID("alice@localhost/phone");

    private TestDatabase db;
    private JooqArchiveStore store;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2();
        db.database().dsl().insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.CREATED_AT)
                .values("bob", LocalDateTime.now(ZoneOffset.UTC)).execute();
        store = new JooqArchiveStore(db.database());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void appendsFromManyThreadsAreAllWrittenInIdOrderAfterAFlush() throws Exception {
        try (ArchiveWriter writer = new ArchiveWriter(store, new ArchiveIds(), 100_000);
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 1_500; i++) {
                        ids.add(writer.append("bob", ALICE, Direction.IN, "<message><body>" + thread + "/" + i + "</body></message>").orElseThrow());
                    }
                    return ids;
                }));
            }
            List<Long> appended = new ArrayList<>();
            for (Future<List<Long>> r : results) appended.addAll(r.get());

            assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();

            List<Long> stored = store.page(ArchiveFilter.of("bob"), Order.OLDEST_FIRST, 10_000, 0).stream()
                    .map(ArchivedMessage::id).toList();
            assertThat(stored).hasSize(6_000).isSorted().containsExactlyInAnyOrderElementsOf(appended);
            assertThat(writer.backlog()).isZero();
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsDroppedAndTheOthersOfItsBatchAreKept() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        MessageStore slow = new DelegatingStore(store) {
            @Override
            public int insert(List<ArchivedMessage> messages) {
                await(hold); // so that the three rows go in one batch
                return super.insert(messages);
            }
        };
        try (ArchiveWriter writer = new ArchiveWriter(slow, new ArchiveIds(), 100)) {
            writer.append("bob", ALICE, Direction.IN, "<message><body>warm-up</body></message>");
            long good = writer.append("bob", ALICE, Direction.IN, "<message><body>1</body></message>").orElseThrow();
            writer.append("bob", new JID("x".repeat(600) + "@localhost"), Direction.IN, "<message><body>too long a peer</body></message>");
            long alsoGood = writer.append("bob", ALICE, Direction.IN, "<message><body>3</body></message>").orElseThrow();
            hold.countDown();

            assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(store.page(ArchiveFilter.of("bob"), Order.OLDEST_FIRST, 10, 1)).extracting(ArchivedMessage::id)
                    .containsExactly(good, alsoGood);
        }
    }

    @Test
    void whileTheStoreIsUnavailableRowsWaitAndAreWrittenWhenItIsBack() throws Exception {
        AtomicInteger failures = new AtomicInteger(3);
        MessageStore flaky = new DelegatingStore(store) {
            @Override
            public int insert(List<ArchivedMessage> messages) {
                if (failures.getAndDecrement() > 0) throw new org.jooq.exception.DataAccessException("connection refused");
                return super.insert(messages);
            }
        };
        try (ArchiveWriter writer = new ArchiveWriter(flaky, new ArchiveIds(), 100)) {
            long id = writer.append("bob", ALICE, Direction.IN, "<message><body>patience</body></message>").orElseThrow();

            assertThat(writer.flush(Duration.ofMillis(50))).as("not yet: the store is down").isFalse();
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(store.contains("bob", id)).isTrue();
        }
    }

    @Test
    void beyondTheBacklogLimitAndAfterCloseMessagesAreRefused() {
        CountDownLatch hold = new CountDownLatch(1);
        MessageStore stuck = new DelegatingStore(store) {
            @Override
            public int insert(List<ArchivedMessage> messages) {
                await(hold);
                return super.insert(messages);
            }
        };
        ArchiveWriter writer = new ArchiveWriter(stuck, new ArchiveIds(), 2);
        assertThat(writer.append("bob", ALICE, Direction.IN, "<message/>")).isPresent();
        assertThat(writer.append("bob", ALICE, Direction.IN, "<message/>")).isPresent();
        assertThat(writer.append("bob", ALICE, Direction.IN, "<message/>")).isEmpty();
        hold.countDown();
        writer.close();

        assertThat(store.count(ArchiveFilter.of("bob"), 10)).as("close writes what is pending").isEqualTo(2);
        assertThat(writer.append("bob", ALICE, Direction.IN, "<message/>")).isEqualTo(OptionalLong.empty());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store that passes every call on, for tests to override one. */
    private static class DelegatingStore implements MessageStore {
        private final MessageStore delegate;

        DelegatingStore(MessageStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public int insert(List<ArchivedMessage> messages) {
            return delegate.insert(messages);
        }

        @Override
        public List<ArchivedMessage> page(ArchiveFilter filter, Order order, int limit, int offset) {
            return delegate.page(filter, order, limit, offset);
        }

        @Override
        public int count(ArchiveFilter filter, int cap) {
            return delegate.count(filter, cap);
        }

        @Override
        public boolean contains(String owner, long id) {
            return delegate.contains(owner, id);
        }

        @Override
        public Optional<ArchivedMessage> edge(String owner, Order order) {
            return delegate.edge(owner, order);
        }

        @Override
        public int deleteBefore(long id, int limit) {
            return delegate.deleteBefore(id, limit);
        }

        @Override
        public int deleteBefore(long id, int limit, java.util.Set<String> except) {
            return delegate.deleteBefore(id, limit, except);
        }

        @Override
        public int deleteBefore(String owner, long id, int limit) {
            return delegate.deleteBefore(owner, id, limit);
        }

        @Override
        public java.util.Map<String, Integer> retentions() {
            return delegate.retentions();
        }

        @Override
        public <T> T snapshot(java.util.function.Function<MessageStore, T> reads) {
            return delegate.snapshot(reads);
        }

        @Override
        public Optional<ArchivedMessage> get(String owner, long id) {
            return delegate.get(owner, id);
        }

        @Override
        public boolean replace(String owner, long id, String stanzaXml) {
            return delegate.replace(owner, id, stanzaXml);
        }

        @Override
        public int deleteArchive(String owner) {
            return delegate.deleteArchive(owner);
        }
    }
}
