package dev.chat.hub;

import java.util.HashMap;
import java.util.Map;

/** At most one typing signal a second per user, for one room; owned by the event loop like its room. */
final class TypingGate {

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Map<String, Long> toldAt = new HashMap<>();

    /** Whether the user's typing may be told now; if so, it counts as told. */
    boolean due(String userId, long nowNanos) {
        var last = toldAt.get(userId);
        if (last != null && nowNanos - last < INTERVAL_NANOS) {
            return false;
        }
        toldAt.put(userId, nowNanos);
        return true;
    }

    /** The user left the room. */
    void forget(String userId) {
        toldAt.remove(userId);
    }
}
