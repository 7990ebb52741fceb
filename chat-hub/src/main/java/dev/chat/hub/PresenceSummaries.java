package dev.chat.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The joins and leaves of large rooms not yet announced, and when their summary is due: all of the presence
 * summaries' state, owned by the loop.
 */
final class PresenceSummaries {

    private final long intervalNanos;
    private final Map<Room, Tally> pending = new LinkedHashMap<>();
    private long dueNanos;

    private static final class Tally {
        int joined;
        int left;
    }

    PresenceSummaries(Presence presence) {
        this.intervalNanos = presence.interval().toNanos();
    }

    void joined(Room room) {
        tally(room).joined++;
    }

    void left(Room room) {
        tally(room).left++;
    }

    boolean isPending(Room room) {
        return pending.containsKey(room);
    }

    /** When the pending summaries are due, as a {@link System#nanoTime()}; empty when none are pending. */
    OptionalLong due() {
        return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(dueNanos);
    }

    /** Every pending summary's text by room, taken out. */
    Map<Room, String> takeAll() {
        var texts = new LinkedHashMap<Room, String>();
        pending.forEach((room, tally) -> texts.put(room, text(tally.joined, tally.left)));
        pending.clear();
        return texts;
    }

    /** One room's pending summary, taken out. */
    Optional<String> take(Room room) {
        return Optional.ofNullable(pending.remove(room)).map(tally -> text(tally.joined, tally.left));
    }

    private Tally tally(Room room) {
        if (pending.isEmpty()) {
            dueNanos = System.nanoTime() + intervalNanos;
        }
        return pending.computeIfAbsent(room, changed -> new Tally());
    }

    /** For example "12 joined, 3 left". */
    static String text(int joined, int left) {
        if (left == 0) {
            return joined + " joined";
        }
        return joined == 0 ? left + " left" : joined + " joined, " + left + " left";
    }
}
