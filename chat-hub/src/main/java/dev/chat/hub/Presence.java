package dev.chat.hub;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the hub announces arrivals and departures. Telling everyone about every join makes a ramp of N connections
 * cost N²/2 messages; above {@code limit} members, joins and leaves are therefore summed up and announced to
 * everyone once per {@code interval}, as one {@code system} message, and a newcomer learns that it is in from its
 * {@code presence} message.
 *
 * @param limit    the largest membership in which each join and leave is announced on its own
 * @param interval how often the summary goes out above the limit, when anything changed
 */
public record Presence(int limit, Duration interval) {

    public static final Presence DEFAULT = new Presence(100, Duration.ofSeconds(1));

    public Presence {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    boolean announcesEachChange(int members) {
        return members <= limit;
    }
}
