package dev.chat.hub;

/**
 * How much of rooms and their history one connection may use, and the rooms together.
 *
 * @param perConnection the most rooms one connection may be in at once
 * @param historyOnJoin messages a connection receives from a room's history on entering it
 * @param maxCatchUp    the most missed messages sent to a connection that resumes
 * @param recentBytes   the most bytes of every room's last {@code historyOnJoin} messages kept encoded for newcomers;
 *                      past it a room sends newcomers its history from the store instead
 */
public record RoomLimits(int perConnection, int historyOnJoin, int maxCatchUp, long recentBytes) {

    public static final long DEFAULT_RECENT_BYTES = InMemoryMessageStore.DEFAULT_MAX_BYTES / 4;
    public static final RoomLimits DEFAULT = new RoomLimits(20, 50, InMemoryMessageStore.DEFAULT_PER_ROOM);

    public RoomLimits {
        if (perConnection < 1 || historyOnJoin < 0 || maxCatchUp < 0 || recentBytes < 0) {
            throw new IllegalArgumentException("a connection may be in one room at least, and history is not negative");
        }
    }

    /** With the default bound on the recent messages kept encoded. */
    public RoomLimits(int perConnection, int historyOnJoin, int maxCatchUp) {
        this(perConnection, historyOnJoin, maxCatchUp, DEFAULT_RECENT_BYTES);
    }
}
