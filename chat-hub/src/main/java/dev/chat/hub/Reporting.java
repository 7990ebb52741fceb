package dev.chat.hub;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** When this node next tells the others its figures; never for a node alone. Owned by the loop. */
final class Reporting {

    private final Optional<Duration> every;
    private long dueNanos;

    Reporting(Optional<Duration> every) {
        this.every = every;
        this.dueNanos = System.nanoTime();
    }

    /** As a {@link System#nanoTime()}; empty for a node alone. */
    OptionalLong due() {
        return every.isPresent() ? OptionalLong.of(dueNanos) : OptionalLong.empty();
    }

    /** Whether a report is due at {@code now}; if so, the next one is due an interval later. */
    boolean takeIfDue(long now) {
        if (every.isEmpty() || now - dueNanos < 0) {
            return false;
        }
        dueNanos = now + every.get().toNanos();
        return true;
    }
}
