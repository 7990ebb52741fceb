package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of rooms named by patterns: each pattern is a room name, a prefix ending in {@code *} (such as
 * {@code team-*}), or {@code *} alone for every room.
 */
public record RoomPatterns(List<String> patterns) {

    public static final RoomPatterns NONE = new RoomPatterns(List.of());
    public static final RoomPatterns EVERY_ROOM = new RoomPatterns(List.of("*"));

    public RoomPatterns {
        patterns = List.copyOf(requireNonNull(patterns, "patterns"));
    }

    /** Checks each pattern: what comes before a final {@code *} must be a room name, or nothing. */
    public static Checked<RoomPatterns> check(Collection<String> patterns) {
        var checked = new ArrayList<String>(patterns.size());
        for (var pattern : patterns) {
            if (!isPattern(pattern)) {
                return Checked.rejected(ErrorCode.INVALID_ROOM, "'" + Text.loggable(String.valueOf(pattern))
                        + "' is not a room pattern: a room name, a prefix of one ending in '*', or '*'");
            }
            checked.add(pattern);
        }
        return Checked.accepted(new RoomPatterns(checked));
    }

    private static boolean isPattern(String pattern) {
        if (pattern == null) {
            return false;
        }
        var prefix = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : null;
        return prefix == null ? RoomName.check(pattern) instanceof Checked.Accepted
                : prefix.isEmpty() || RoomName.check(prefix) instanceof Checked.Accepted;
    }

    public boolean matches(String room) {
        for (var pattern : patterns) {
            if (pattern.endsWith("*") ? room.startsWith(pattern.substring(0, pattern.length() - 1))
                    : room.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
