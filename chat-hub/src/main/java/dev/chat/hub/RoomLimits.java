package dev.chat.hub;

/**
 * How much of rooms and their history one connection may use.
 *
 * @param perConnection the most rooms one connection may be in at once
 * @param historyOnJoin messages a connection receives from a room's history on entering it
 * @param maxCatchUp    the most missed messages sent to a connection that resumes
 */
public record RoomLimits(int perConnection, int historyOnJoin, int maxCatchUp) {

    public static final RoomLimits DEFAULT = new RoomLimits(20, 50, InMemoryMessageStore.DEFAULT_PER_ROOM);

    public RoomLimits {
        if (perConnection < 1 || historyOnJoin < 0 || maxCatchUp < 0) {
            throw new IllegalArgumentException("a connection may be in one room at least, and history is not negative");
        }
    }
}
