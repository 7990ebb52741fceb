package dev.chat.domain.port.needed;

import dev.chat.domain.Availability;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import java.util.List;
import java.util.Optional;

/**
 * The port the hub needs to remember what was said in each room, for history, for catching up on entering a room
 * and for resuming after a reconnect. Every list is oldest first.
 *
 * <p>Threading: {@link #append}, {@link #lastId}, {@link #latest}, {@link #after} and {@link #find} are called by the hub's event
 * loop, which waits for them, so they must be quick (a durable store should buffer its writes). {@link #latest}
 * and {@link #before} also serve the history API, from any thread, at the same time as the loop appends.
 */
public interface MessageStore {

    /** Where unread counts stop: past it, "100" stands for 100 or more. */
    int UNREAD_CAP = 100;
    /** Messages read at a time while counting unread ones. */
    int UNREAD_PAGE = 200;

    /** Keeps a message; within a room, ids arrive in increasing order. */
    void append(RoomMessage message);

    /** The id of the newest message kept for the room, or 0 if there is none; the hub numbers on from it. */
    long lastId(String room);

    /** The room's newest messages but those that amend chats, at most {@code limit}. */
    List<RoomMessage> latest(String room, int limit);

    /** One message of the room as it is now, if it is kept. Called by the event loop, to check a change to a chat. */
    default Optional<RoomMessage> find(String room, long id) {
        return after(room, id - 1, 1).stream().filter(message -> message.id() == id).findFirst();
    }

    /** The messages after {@code afterId}, at most {@code limit}, starting with the oldest still kept. */
    List<RoomMessage> after(String room, long afterId, int limit);

    /**
     * The newest messages before {@code beforeId} but those that amend chats, at most {@code limit}: one page of
     * history, going back.
     */
    List<RoomMessage> before(String room, long beforeId, int limit);

    /**
     * One page of a user's own chats, over every room: the newest before {@code before}, at most {@code limit},
     * ordered by {@link MessagePosition}. Called from HTTP threads only.
     */
    List<RoomMessage> byUser(String userId, MessagePosition before, int limit);

    /**
     * How many chats of others, not deleted, the room has after {@code afterId}, counted up to {@code cap}: a user's
     * unread count. Read back from the newest, a page at a time, so that a store that holds the newest in memory
     * answers from memory; a store with an index may count instead.
     */
    default int unread(String room, String userId, long afterId, int cap) {
        int unread = 0;
        long before = Long.MAX_VALUE;
        while (unread < cap) {
            var page = before(room, before, UNREAD_PAGE);
            for (var message : page.reversed()) {
                if (message.id() <= afterId) {
                    return unread;
                }
                if (message.isLiveChat() && !message.message().userId().equals(userId) && ++unread == cap) {
                    return unread;
                }
            }
            if (page.size() < UNREAD_PAGE) {
                return unread;
            }
            before = page.getFirst().id();
        }
        return unread;
    }

    /** Whether what is kept survives a restart and is being written; a store in memory only is disabled. */
    default Availability state() {
        return Availability.DISABLED;
    }
}
