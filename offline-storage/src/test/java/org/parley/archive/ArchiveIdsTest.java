package org.parley.archive;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Time-ordered archive ids (XEP-0313 §3.5 / XEP-0359): monotonic whatever the clock does, comparable as text. */
class ArchiveIdsTest {
    private static final long NOW = Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli();

    @Test
    void idsCarryTheirMillisecond() {
        ArchiveIds ids = new ArchiveIds(() -> NOW, new Random(1), 0);

        long id = ids.next();

        assertThat(ArchiveIds.instantOf(id)).isEqualTo(Instant.ofEpochMilli(NOW));
    }

    @Test
    void aStalledClockStillGivesStrictlyIncreasingIdsSpillingIntoTheNextMillisecond() {
        ArchiveIds ids = new ArchiveIds(() -> NOW, new Random(2), 0);
        long previous = -1;
        for (int i = 0; i < 20_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        // 4,096 per millisecond at most, less the random start: 20,000 ids borrow at most 6 milliseconds.
        assertThat(ArchiveIds.instantOf(previous)).isBetween(Instant.ofEpochMilli(NOW + 4), Instant.ofEpochMilli(NOW + 6));
    }

    @Test
    void aClockSteppingBackNeverMakesAnIdGoBackwards() {
        AtomicLong clock = new AtomicLong(NOW);
        ArchiveIds ids = new ArchiveIds(clock::get, new Random(3), 0);
        long before = ids.next();

        clock.set(NOW - 60_000);
        long after = ids.next();
        clock.set(NOW + 1);
        long later = ids.next();

        assertThat(after).isGreaterThan(before);
        assertThat(later).isGreaterThan(after);
        assertThat(ArchiveIds.instantOf(later)).isEqualTo(Instant.ofEpochMilli(NOW + 1));
    }

    @Test
    void theSequenceStartsAtARandomValueSoIdsDoNotCountMessages() {
        Set<Long> lowBits = new HashSet<>();
        AtomicLong clock = new AtomicLong(NOW);
        ArchiveIds ids = new ArchiveIds(clock::get, new Random(8), 0);
        for (int ms = 0; ms < 50; ms++) {
            clock.incrementAndGet();
            lowBits.add(ids.next() & 0xFFF);
        }
        assertThat(lowBits).hasSizeGreaterThan(40).allMatch(seq -> seq < 1024);
    }

    @Test
    void theNodeIdHasItsOwnBits() {
        long a = new ArchiveIds(() -> NOW, new Random(4), 0).next();
        long b = new ArchiveIds(() -> NOW, new Random(4), 5).next();

        assertThat(b - a).isEqualTo(5L << 12);
        assertThat(ArchiveIds.instantOf(b)).isEqualTo(ArchiveIds.instantOf(a));
        assertThatThrownBy(() -> new ArchiveIds(() -> NOW, new Random(), 1024)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersGetUniqueIdsEachInIncreasingOrder() throws Exception {
        ArchiveIds ids = new ArchiveIds();
        List<Callable<long[]>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(() -> {
                long[] mine = new long[50_000];
                for (int i = 0; i < mine.length; i++) mine[i] = ids.next();
                return mine;
            });
        }
        Set<Long> all = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<long[]> result : pool.invokeAll(tasks)) {
                long[] mine = result.get();
                for (int i = 0; i < mine.length; i++) {
                    if (i > 0) assertThat(mine[i]).isGreaterThan(mine[i - 1]);
                    all.add(mine[i]);
                }
            }
        }
        assertThat(all).hasSize(200_000);
    }

    @Test
    void theTextFormHasFixedWidthSoItSortsLikeTheNumber() {
        ArchiveIds ids = new ArchiveIds();
        long small = 42;
        long real = ids.next();

        assertThat(ArchiveIds.format(small)).isEqualTo("0000000000000000042").hasSize(ArchiveIds.WIDTH);
        assertThat(ArchiveIds.format(real)).hasSize(ArchiveIds.WIDTH);
        assertThat(ArchiveIds.format(small).compareTo(ArchiveIds.format(real))).isNegative();
        assertThat(ArchiveIds.format(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(ArchiveIds.parse(ArchiveIds.format(real))).hasValue(real);
        assertThat(ArchiveIds.parse("42")).hasValue(42);
    }

    @Test
    void textThatCannotBeAnIdIsRefused() {
        assertThat(ArchiveIds.parse("")).isEmpty();
        assertThat(ArchiveIds.parse(null)).isEmpty();
        assertThat(ArchiveIds.parse("28482-98726-73623")).isEmpty();
        assertThat(ArchiveIds.parse("-1")).isEmpty();
        assertThat(ArchiveIds.parse("+1")).isEmpty();
        assertThat(ArchiveIds.parse("9999999999999999999")).as("above Long.MAX_VALUE").isEmpty();
        assertThat(ArchiveIds.parse("00000000000000000001")).as("20 digits").isEmpty();
    }

    @Test
    void timeBoundsBecomeIdBounds() {
        Instant t = Instant.ofEpochMilli(NOW);
        long atT = new ArchiveIds(() -> NOW, new Random(5), 0).next();
        long justBefore = new ArchiveIds(() -> NOW - 1, new Random(6), 0).next();
        long justAfter = new ArchiveIds(() -> NOW + 1, new Random(7), 0).next();

        // start = t: ids at t or later are >= firstIdAtOrAfter(t)
        assertThat(atT).isGreaterThanOrEqualTo(ArchiveIds.firstIdAtOrAfter(t));
        assertThat(justBefore).isLessThan(ArchiveIds.firstIdAtOrAfter(t));
        // end = t: ids at t or earlier are < firstIdAfter(t)
        assertThat(atT).isLessThan(ArchiveIds.firstIdAfter(t));
        assertThat(justAfter).isGreaterThanOrEqualTo(ArchiveIds.firstIdAfter(t));
        // a fraction of a millisecond rounds the right way
        assertThat(ArchiveIds.firstIdAtOrAfter(t.plusNanos(1))).isEqualTo(ArchiveIds.firstIdAtOrAfter(t.plusMillis(1)));
        assertThat(ArchiveIds.firstIdAfter(t.plusNanos(999_999))).isEqualTo(ArchiveIds.firstIdAfter(t));
        // out of range
        assertThat(ArchiveIds.firstIdAtOrAfter(Instant.parse("1999-01-01T00:00:00Z"))).isZero();
        assertThat(ArchiveIds.firstIdAfter(Instant.parse("1999-01-01T00:00:00Z"))).isZero();
        assertThat(ArchiveIds.firstIdAtOrAfter(Instant.parse("2200-01-01T00:00:00Z"))).isEqualTo(Long.MAX_VALUE);
        assertThat(ArchiveIds.firstIdAfter(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    }
}
