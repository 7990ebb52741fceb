package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analytics count that the hub's other state does not: messages users posted minute by minute over the
 * last {@link Analytics#MINUTES}, the most connections at once, and since when each user is connected (the totals
 * are the {@link HubCounters}'). Owned by the loop, like the rest of the chat.
 */
final class Activity {

    private static final long MILLIS_PER_MINUTE = 60_000;

    private final long[] perMinute = new long[Analytics.MINUTES];
    private final Map<String, Analytics.ActiveUser> users = new LinkedHashMap<>();
    private long minute;
    private int peakConnections;

    void posted(Instant at) {
        advanceTo(at);
        perMinute[slot(minute)]++;
    }

    void connections(int open) {
        peakConnections = Math.max(peakConnections, open);
    }

    void arrived(Identity user, Instant at) {
        users.computeIfAbsent(user.userId(), id -> new Analytics.ActiveUser(id, user.username(), at));
    }

    void gone(String userId) {
        users.remove(userId);
    }

    int peakConnections() {
        return peakConnections;
    }

    /** Oldest minute first, the current one last. */
    List<Long> perMinute(Instant now) {
        advanceTo(now);
        var counts = new ArrayList<Long>(Analytics.MINUTES);
        for (long m = minute - Analytics.MINUTES + 1; m <= minute; m++) {
            counts.add(perMinute[slot(m)]);
        }
        return counts;
    }

    /** Those connected longest first, since users is kept in the order they arrived. */
    List<Analytics.ActiveUser> firstUsers(int limit) {
        return users.values().stream().limit(limit).toList();
    }

    /** Empties the minutes that passed with nothing posted, so the ring holds only the last ones. */
    private void advanceTo(Instant at) {
        long now = Math.floorDiv(at.toEpochMilli(), MILLIS_PER_MINUTE);
        for (long m = Math.max(minute + 1, now - Analytics.MINUTES + 1); m <= now; m++) {
            perMinute[slot(m)] = 0;
        }
        minute = Math.max(minute, now);
    }

    private static int slot(long minute) {
        return (int) Math.floorMod(minute, (long) Analytics.MINUTES);
    }
}
