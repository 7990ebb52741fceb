package dev.chat.hub;

import dev.chat.domain.Message;
import java.time.Instant;
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

    /** Every pending summary by room, taken out. */
    Map<Room, Message> takeAll(Instant at) {
        var summaries = new LinkedHashMap<Room, Message>();
        pending.forEach((room, tally) -> summaries.put(room, Message.presenceSummary(tally.joined, tally.left, at)));
        pending.clear();
        return summaries;
    }

    /** One room's pending summary, taken out. */
    Optional<Message> take(Room room, Instant at) {
        return Optional.ofNullable(pending.remove(room))
                .map(tally -> Message.presenceSummary(tally.joined, tally.left, at));
    }

    private Tally tally(Room room) {
        if (pending.isEmpty()) {
            dueNanos = System.nanoTime() + intervalNanos;
        }
        return pending.computeIfAbsent(room, changed -> new Tally());
    }
}
