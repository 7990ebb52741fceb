package dev.chat.domain;

import java.time.Instant;

/**
 * Where a room's ids start when nothing remembers the ids it gave before: from the clock, a thousand ids for each
 * millisecond since the epoch. An earlier run of the process reused none of them unless one of its rooms took more
 * than a million ids a second over its whole life, far more than a hub delivers, so a client that resumes with an
 * id from before a restart is told it did not recover instead of being served the new messages that took the old
 * numbers. Ids stay exact in a JavaScript number (below 2^53) until the year 2255.
 */
public final class MessageIds {

    static final long PER_MILLISECOND = 1000;

    private MessageIds() {}

    /** The last id of a room that nothing remembers, at {@code now}: its first message takes the one after. */
    public static long origin(Instant now) {
        return now.toEpochMilli() * PER_MILLISECOND;
    }
}
