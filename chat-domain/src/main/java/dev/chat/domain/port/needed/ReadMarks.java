package dev.chat.domain.port.needed;

import java.util.Map;

/**
 * The port the hub needs to remember how far each user has read each room: the id of the last message it marked
 * read. Marks only rise: a lower id than the one kept changes nothing.
 *
 * <p>Threading: {@link #markRead} and {@link #lastRead} are called by the hub's event loop, which waits for them, so
 * they must be quick (a durable one should buffer its writes, and read what it buffered). {@link #byUser} serves the
 * unread route from HTTP threads, at the same time. {@link #prefetch} is called on the connecting thread, never the
 * loop's, and may wait.
 */
public interface ReadMarks {

    /**
     * Raises the user's mark in the room to {@code id}, if it is higher than the mark kept.
     *
     * @return whether the mark rose
     */
    boolean markRead(String userId, String room, long id);

    /** The user's mark in the room; 0 if it has none. */
    long lastRead(String userId, String room);

    /** Every room the user has a mark in, with the mark. */
    Map<String, Long> byUser(String userId);

    /**
     * The user is about to connect: a store whose reads are slow (a network call) loads the user's marks now, on the
     * connecting thread, so that the loop finds them in memory when the connection enters its rooms. Nothing by
     * default.
     */
    default void prefetch(String userId) {
    }
}
