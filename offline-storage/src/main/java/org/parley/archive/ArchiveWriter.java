package org.parley.archive;

import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes archived messages in batches, off the event loops (DESIGN.md: "Archive writes are batched"). The stanza
 * path {@link #append appends} a message and gets its id at once (so the {@code <stanza-id/>} can be added before
 * delivery, XEP-0313 §3.5); one virtual thread takes everything appended so far and inserts it in one transaction
 * (a JDBC batch, {@link ArchiveStore#insert}), so the busier the server, the bigger the batches, and a lone
 * message is written at once (no timer).
 *
 * <p>Ids are handed out under the same lock that queues the row, so rows are written in id order: once a message
 * is written, every message with a smaller id is too. A query {@link #flush flushes} first and so sees every message
 * archived before it was sent.
 *
 * <p>Nothing is dropped silently: when the store is unavailable the batch is retried (back-off up to 30 s) while
 * new messages queue behind it, up to {@code maxPending} of them; beyond that, and for a row the database refuses
 * for itself (a constraint or data error, found by retrying the batch row by row), the message is not archived and
 * an error is logged. {@link #close} writes what is pending.
 */
public final class ArchiveWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);
    /** The most rows in one insert. */
    static final int BATCH = 500;
    private static final long MAX_BACKOFF_MS = 30_000;
    /** How often a batch is tried after {@link #close}, before its rows are given up. */
    private static final int ATTEMPTS_WHEN_CLOSING = 3;

    private final MessageStore store;
    private final ArchiveIds ids;
    private final int maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Thread thread;
    private List<ArchivedMessage> pending = new ArrayList<>();
    /** How many rows were appended, and how many of those were written or given up (guarded by lock). */
    private long appended;
    private long handled;
    private volatile boolean closing;

    /**
     * Starts the writer thread.
     *
     * @param store      where rows go
     * @param ids        the id generator
     * @param maxPending the most rows waiting for the store; beyond that {@link #append} refuses
     */
    public ArchiveWriter(MessageStore store, ArchiveIds ids, int maxPending) {
        this.store = store;
        this.ids = ids;
        this.maxPending = maxPending;
        this.thread = Thread.ofVirtual().name("parley-archive-writer").start(this::run);
    }

    /**
     * Queues a message for {@code owner}'s archive. Never blocks on I/O (a short lock only): safe on an event loop.
     *
     * @param peer      the other party (its bare JID and resource are kept)
     * @param stanzaXml the message as serialised XML
     * @return the message's archive id, or empty when the writer is closed or too far behind (logged)
     */
    public OptionalLong append(String owner, JID peer, Direction direction, String stanzaXml) {
        return append(owner, peer.toBareJID(), peer.getResource(), direction, stanzaXml);
    }

    /**
     * Queues a message for {@code owner}'s archive, with its peer as stored ({@link ArchivedMessage#withJid},
     * {@link ArchivedMessage#withResource}). Never blocks on I/O: safe on an event loop.
     *
     * @return the message's archive id, or empty when the writer is closed or too far behind (logged)
     */
    public OptionalLong append(String owner, String withJid, String withResource, Direction direction, String stanzaXml) {
        lock.lock();
        try {
            if (closing) {
                log.error("Archive closed: message for {}'s archive not archived", owner);
                return OptionalLong.empty();
            }
            if (appended - handled >= maxPending) {
                log.error("Archive store is {} messages behind: message for {}'s archive not archived",
                        appended - handled, owner);
                return OptionalLong.empty();
            }
            long id = ids.next();
            pending.add(new ArchivedMessage(id, owner, withJid, withResource, direction,
                    ArchiveIds.instantOf(id), stanzaXml));
            appended++;
            work.signal();
            return OptionalLong.of(id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every message appended before this call is written (or given up). Blocks: virtual threads only.
     *
     * @return false if {@code timeout} passed first (the store is slow or unavailable)
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = appended;
            while (handled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                progress.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many appended messages are not written yet. */
    public long backlog() {
        lock.lock();
        try {
            return appended - handled;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking messages, writes what is pending (waiting up to 30 s) and ends the writer thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            if (!thread.join(Duration.ofSeconds(30))) log.error("Archive writer did not finish; {} messages pending", backlog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            List<ArchivedMessage> rows;
            lock.lock();
            try {
                while (pending.isEmpty() && !closing) work.awaitUninterruptibly();
                if (pending.isEmpty()) return;
                rows = pending;
                pending = new ArrayList<>();
            } finally {
                lock.unlock();
            }
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<ArchivedMessage> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                write(batch);
                lock.lock();
                try {
                    handled += batch.size();
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Inserts {@code rows}, retrying while the store is unavailable; rows it refuses are logged and dropped. */
    private void write(List<ArchivedMessage> rows) {
        long backoff = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                int inserted = store.insert(rows);
                // A message to a user that does not exist is bounced by the router; it has no archive to go into.
                if (inserted < rows.size()) log.debug("{} of {} messages not archived: no such account", rows.size() - inserted, rows.size());
                return;
            } catch (RuntimeException e) {
                if (refused(e)) {
                    if (rows.size() == 1) {
                        ArchivedMessage m = rows.getFirst();
                        log.error("Message {} refused by the archive store for {}'s archive; not archived", m.id(), m.owner(), e);
                    } else {
                        rows.forEach(row -> write(List.of(row))); // find the row(s) refused, keep the others
                    }
                    return;
                }
                if (closing && attempt >= ATTEMPTS_WHEN_CLOSING) {
                    log.error("Archive store unavailable at shutdown: {} messages not archived", rows.size(), e);
                    return;
                }
                log.warn("Archive store unavailable (attempt {}); retrying {} messages in {} ms", attempt, rows.size(), backoff, e);
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** A constraint violation or bad data: the database refuses these rows, retrying will not help. */
    private static boolean refused(RuntimeException e) {
        if (!(e instanceof DataAccessException access)) return false;
        SQLStateClass state = access.sqlStateClass();
        return state == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION || state == SQLStateClass.C22_DATA_EXCEPTION;
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
