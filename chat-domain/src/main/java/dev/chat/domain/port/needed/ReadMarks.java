package dev.chat.domain.port.needed;

import java.util.Map;

/**
 * The port the hub needs to remember how far each user has read each room: the id of the last message it marked
 * read. Marks only rise: a lower id than the one kept changes nothing.
 *
 * <p>Threading: {@link #markRead} is called by the hub's event loop, which waits for it, so it must be quick (a
 * durable one should buffer its writes, and read what it buffered). {@link #byUser} is never called by the loop: the
 * hub reads a user's marks on the connecting thread, and keeps them with the connection, raised by every mark it
 * hears of; it also serves the unread route from HTTP threads, at the same time. It may wait.
 */
public interface ReadMarks {

    /**
     * Raises the user's mark in the room to {@code id}, if it is higher than the mark kept.
     *
     * @return whether the mark rose
     */
    boolean markRead(String userId, String room, long id);

    /** Every room the user has a mark in, with the mark. */
    Map<String, Long> byUser(String userId);
}
