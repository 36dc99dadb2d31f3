package org.parley.archive;

/**
 * Whether an archived message came in or went out, from the archive owner's point of view (XEP-0313 §3: "'incoming'
 * and 'outgoing' messages are viewed within the context of the archived JID").
 */
public enum Direction {
    /** Received by the owner. */
    IN("in"),
    /** Sent by the owner. */
    OUT("out");

    private final String column;

    Direction(String column) {
        this.column = column;
    }

    /** The value stored in the {@code direction} column. */
    public String column() {
        return column;
    }

    /**
     * The direction stored as {@code column}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Direction ofColumn(String column) {
        for (Direction d : values()) {
            if (d.column.equals(column)) return d;
        }
        throw new IllegalArgumentException("not a direction: " + column);
    }
}
