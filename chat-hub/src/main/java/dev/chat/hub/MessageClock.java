package dev.chat.hub;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time every message is stamped with: the hub's clock, to the millisecond, as the wire carries it. */
record MessageClock(Clock clock) {

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
