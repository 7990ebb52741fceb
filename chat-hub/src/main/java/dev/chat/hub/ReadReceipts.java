package dev.chat.hub;

/** Who is told that a user has read a room up to a message. */
public enum ReadReceipts {
    /** The user's own connections, and every member of the room: others see how far each has read. */
    ROOM,
    /** The user's own connections only, so that each of its tabs shows the same unread count. */
    SELF
}
