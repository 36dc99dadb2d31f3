package org.parley.server.sm;

/**
 * The 'h' counters of XEP-0198 §4: unsigned 32-bit values that wrap to zero after 2^32 - 1 stanzas. Pure.
 */
public final class SmCounter {
    /** 2^32 - 1, the largest value of 'h'. */
    public static final long MAX = 0xFFFF_FFFFL;

    private SmCounter() {
    }

    /** The counter after one more stanza: §4, it wraps to zero after 2^32 - 1. */
    public static long increment(long h) {
        return (h + 1) & MAX;
    }

    /** How many stanzas lie between two counter values, across a wrap ({@code to} is at or after {@code from}). */
    public static long distance(long from, long to) {
        return (to - from) & MAX;
    }

    /**
     * Parses an 'h' attribute (xs:unsignedInt, §4).
     *
     * @return the value, or -1 when it is missing or not an unsigned 32-bit integer
     */
    public static long parse(String h) {
        if (h == null || h.isEmpty() || h.length() > 10) return -1;
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) < '0' || h.charAt(i) > '9') return -1;
        }
        long value = Long.parseLong(h);
        return value > MAX ? -1 : value;
    }
}
