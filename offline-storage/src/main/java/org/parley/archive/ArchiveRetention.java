package org.parley.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes archived messages older than the retention period, once a day (XEP-0313 §3.2: a server "might ... only
 * keep messages until they reach a certain age. Any such deleted messages MUST be the oldest in the archive" —
 * ids are time-ordered, so "older than" is "id below", one range of the primary key). Deletes in chunks of
 * {@value #CHUNK} rows so that no transaction grows large. The configured period applies to every user except those
 * the operator gave a retention of their own ({@code parley archive-retention}; 0 keeps a user's archive for ever).
 * One instance per kind of archive: users' ({@link ArchiveStore}) and rooms' ({@link JooqMessageStore#rooms}).
 */
public final class ArchiveRetention implements AutoCloseable {
    /** Rows deleted per statement. */
    static final int CHUNK = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ArchiveRetention.class);

    private final MessageStore store;
    private final Duration keep;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /**
     * @param store where the archives are
     * @param keep  how long messages are kept; {@link Duration#ZERO} for ever (per-user retentions still apply)
     * @param clock the time
     */
    public ArchiveRetention(MessageStore store, Duration keep, Clock clock) {
        if (keep.isNegative()) throw new IllegalArgumentException("retention must not be negative: " + keep);
        this.store = store;
        this.keep = keep;
        this.clock = clock;
    }

    /** Purges a minute from now, then every 24 hours, on a virtual thread. */
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("parley-archive-retention").factory());
        scheduler.scheduleWithFixedDelay(this::purgeLogged, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /**
     * Deletes every message archived before now minus the retention period. Blocking (JDBC).
     *
     * @return how many were deleted
     */
    public long purge() {
        Map<String, Integer> own = store.retentions();
        long deleted = 0;
        if (!keep.isZero()) {
            long below = ArchiveIds.firstIdAtOrAfter(clock.instant().minus(keep));
            deleted += inChunks(limit -> store.deleteBefore(below, limit, own.keySet()));
        }
        for (Map.Entry<String, Integer> user : own.entrySet()) {
            if (user.getValue() == 0) continue; // kept for ever
            long below = ArchiveIds.firstIdAtOrAfter(clock.instant().minus(Duration.ofDays(user.getValue())));
            deleted += inChunks(limit -> store.deleteBefore(user.getKey(), below, limit));
        }
        return deleted;
    }

    private static long inChunks(IntUnaryOperator deleteUpTo) {
        long deleted = 0;
        int chunk;
        do {
            chunk = deleteUpTo.applyAsInt(CHUNK);
            deleted += chunk;
        } while (chunk == CHUNK);
        return deleted;
    }

    private void purgeLogged() {
        try {
            long deleted = purge();
            if (deleted > 0) log.info("Archive retention: deleted {} messages past their retention", deleted);
        } catch (RuntimeException e) {
            // Logged, not thrown: an exception would cancel the daily schedule.
            log.error("Archive retention purge failed; next attempt in a day", e);
        }
    }

    /** Stops the schedule (a purge under way finishes its current chunk). */
    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
