package dev.chat.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * Where a message stands in one user's history across rooms: by time, then room, then id, so that two messages of
 * the same millisecond still have an order and a page boundary between them loses neither. On the wire it is
 * {@code millis-id-room}, as the per-user history API hands it out for the next page.
 */
public record MessagePosition(long atMillis, String room, long id) implements Comparable<MessagePosition> {

    /** After every message: the first page starts here. */
    public static final MessagePosition NEWEST = new MessagePosition(Long.MAX_VALUE, "", Long.MAX_VALUE);

    private static final Comparator<MessagePosition> ORDER = Comparator.comparingLong(MessagePosition::atMillis)
            .thenComparing(MessagePosition::room).thenComparingLong(MessagePosition::id);

    public static MessagePosition of(RoomMessage message) {
        return new MessagePosition(message.message().timestamp().toEpochMilli(), message.room(), message.id());
    }

    /** A position as {@link #wire()} wrote it; NEWEST when there is none. */
    public static Checked<MessagePosition> check(String text) {
        if (text == null || text.isEmpty()) {
            return Checked.accepted(NEWEST);
        }
        var parts = text.split("-", 3);
        try {
            if (parts.length == 3 && RoomName.check(parts[2]) instanceof Checked.Accepted<String>) {
                return Checked.accepted(new MessagePosition(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1])));
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        return Checked.rejected(ErrorCode.INVALID_PARAMETER,
                "before must be the 'next' of an earlier page, such as \"1764669600123-42-dev\"");
    }

    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    public String wire() {
        return atMillis + "-" + id + "-" + room;
    }

    @Override
    public int compareTo(MessagePosition other) {
        return ORDER.compare(this, other);
    }
}
