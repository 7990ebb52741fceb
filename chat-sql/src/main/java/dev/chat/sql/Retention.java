package dev.chat.sql;

import java.time.Duration;

/**
 * How long the store keeps history. A room always keeps its newest message, whatever its age, so that its ids go
 * on from the last one after a restart.
 *
 * @param maxAge  messages older than this are deleted; zero keeps them however old
 * @param perRoom each room keeps at most its last this many ids; zero keeps every one
 * @param every   how often the writer looks for messages to delete, between batches
 */
public record Retention(Duration maxAge, int perRoom, Duration every) {

    /** Keeps everything. */
    public static final Retention FOREVER = new Retention(Duration.ZERO, 0, Duration.ofMinutes(1));

    public Retention {
        if (maxAge.isNegative() || perRoom < 0 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("retention is never negative, and is looked at now and then");
        }
    }

    boolean keepsEverything() {
        return maxAge.isZero() && perRoom == 0;
    }
}
