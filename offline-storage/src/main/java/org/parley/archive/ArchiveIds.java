package org.parley.archive;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Archive ids, which are also the XEP-0359 {@code <stanza-id/>} ids of archived messages (XEP-0313 §3.5): 64-bit,
 * time-ordered, strictly increasing.
 *
 * <pre>
 *   bit 63      : 0 (ids are positive)
 *   bits 62..22 : milliseconds since {@link #EPOCH} (41 bits: until 2089-09-06)
 *   bits 21..12 : node id (10 bits, 0..1023) — 0 today; reserved for a cluster, where each member gets its own
 *                 node id so that members never hand out the same id (DESIGN.md, "Identifiers")
 *   bits 11..0  : sequence within the millisecond (12 bits)
 * </pre>
 *
 * <p>Ids compare in time order, as numbers and, in their {@link #format fixed-width text form}, as strings; a time
 * bound (XEP-0313 §4.1.2 {@code start}/{@code end}) is therefore an id bound ({@link #firstIdAtOrAfter},
 * {@link #firstIdAfter}). The generator never goes backwards: when the clock stalls or steps back it keeps counting
 * from the last id (borrowing the next millisecond once 4,096 ids were handed out in one), so the millisecond in an
 * id may run a little ahead of the wall clock, never behind the previous id.
 *
 * <p>Time order is a choice against unpredictability: XEP-0313 §3 asks for a UID that "MUST be unpredictable", and
 * XEP-0359 §5 says observers "MUST NOT be able to infer any information from it, e.g. the size of the message
 * archive". An id reveals when a message was archived (which its {@code <delay/>} stamp says anyway); each
 * millisecond's sequence starts at a random value below 1,024, so ids neither count the server's messages nor can be
 * guessed to the last bits. Ids are not secret (XEP-0359 §5), and a user can only query their own archive, where
 * knowing an id gives nothing the user does not have.
 */
public final class ArchiveIds {
    /** The instant of millisecond 0: 2020-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    /** The text form's width: {@link Long#MAX_VALUE} has 19 digits. */
    public static final int WIDTH = 19;
    private static final int SEQUENCE_BITS = 12;
    private static final int NODE_BITS = 10;
    private static final int TIME_SHIFT = SEQUENCE_BITS + NODE_BITS;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_MILLIS = (1L << (63 - TIME_SHIFT)) - 1;
    /** The first sequence number of a millisecond is drawn below this. */
    private static final int RANDOM_START = 1 << 10;

    private final LongSupplier clock;
    private final RandomGenerator random;
    private final long node;
    /** The last (milliseconds since EPOCH, sequence) handed out, as {@code millis << 12 | sequence}. */
    private final AtomicLong last = new AtomicLong(-1);

    /** Ids from the system clock, node 0. */
    public ArchiveIds() {
        this(System::currentTimeMillis, new SecureRandom(), 0);
    }

    /**
     * @param clock  milliseconds since the Unix epoch (e.g. {@link System#currentTimeMillis})
     * @param random where each millisecond's first sequence number comes from
     * @param node   this server's node id, 0..1023
     */
    public ArchiveIds(LongSupplier clock, RandomGenerator random, int node) {
        if (node < 0 || node >= 1 << NODE_BITS) throw new IllegalArgumentException("node id out of 0..1023: " + node);
        this.clock = clock;
        this.random = random;
        this.node = node;
    }

    /** The next id: greater than every id this generator handed out before. Thread-safe, lock-free. */
    public long next() {
        long now = Math.clamp(clock.getAsLong() - EPOCH.toEpochMilli(), 0, MAX_MILLIS);
        long fresh = now << SEQUENCE_BITS | random.nextInt(RANDOM_START);
        long state = last.updateAndGet(previous -> Math.max(previous + 1, fresh));
        long millis = state >>> SEQUENCE_BITS;
        if (millis > MAX_MILLIS) throw new IllegalStateException("archive ids are exhausted (year 2089)");
        return millis << TIME_SHIFT | node << SEQUENCE_BITS | state & SEQUENCE_MASK;
    }

    /** When {@code id} was handed out (to the millisecond). */
    public static Instant instantOf(long id) {
        return EPOCH.plusMillis(id >>> TIME_SHIFT);
    }

    /** The smallest id handed out at or after {@code time}: ids of that time or later are {@code >=} it. */
    public static long firstIdAtOrAfter(Instant time) {
        return idOfMillis(millisSinceEpoch(time, true));
    }

    /** The smallest id handed out after the millisecond of {@code time}: ids of that time or earlier are below it. */
    public static long firstIdAfter(Instant time) {
        return idOfMillis(millisSinceEpoch(time, false) + 1);
    }

    /** Milliseconds from EPOCH to {@code time}, rounded up or down, clamped to 0..MAX_MILLIS + 1. */
    private static long millisSinceEpoch(Instant time, boolean roundUp) {
        if (time.isBefore(EPOCH)) return roundUp ? 0 : -1;
        if (time.isAfter(EPOCH.plusMillis(MAX_MILLIS + 1))) return MAX_MILLIS + 1;
        long millis = time.toEpochMilli() - EPOCH.toEpochMilli(); // floor
        boolean fraction = time.getNano() % 1_000_000 != 0;
        return roundUp && fraction ? millis + 1 : millis;
    }

    private static long idOfMillis(long millis) {
        if (millis <= 0) return 0;
        return millis > MAX_MILLIS ? Long.MAX_VALUE : millis << TIME_SHIFT;
    }

    /** The id as sent in {@code <stanza-id/>} and {@code <result/>}: 19 decimal digits, zero-padded. */
    public static String format(long id) {
        String digits = Long.toString(id);
        return "0".repeat(WIDTH - digits.length()) + digits;
    }

    /** The id a client sent back (any decimal of at most 19 digits), or empty if it cannot be one of ours. */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > WIDTH) return OptionalLong.empty();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
