package dev.chat.domain.port.offered;

import dev.chat.domain.Analytics;
import dev.chat.domain.Availability;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.NodeReport;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.Unread;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;
import java.util.Optional;

/**
 * The hub's door for whoever only looks: health checks, counters, dashboards and the read-only HTTP routes. Nothing
 * here changes the chat.
 *
 * <p>Threading: every method is safe to call from any thread.
 */
public interface ChatQueries {

    /** How many clients are connected now. */
    int clientCount();

    /** Whether the history it keeps survives a restart and is being written now. */
    Availability storage();

    /** Whether this hub is one node of a cluster, and reaches it now. */
    default Availability cluster() {
        return Availability.DISABLED;
    }

    /** Counters since the hub started. */
    HubStats stats();

    /** One page of a user's chats over every room, oldest first (see {@link MessageStore#byUser}). */
    List<RoomMessage> messagesBy(String userId, MessagePosition before, int limit);

    /** How far the user has read each room it has marked read, in the rooms' order. */
    List<Unread> unread(String userId);

    /** What a dashboard shows; empty if the hub is too busy to answer in time, or closed. */
    Optional<Analytics> analytics();

    /**
     * Each node alive and what it shows of itself alone, by name: this one's now, the others' as they last reported
     * (every few seconds); this node alone if it is not one of a cluster. Empty if the hub is too busy to answer in
     * time, or closed.
     */
    Optional<List<NodeReport>> nodes();

    /** The rooms that have members, busiest first. */
    List<RoomSummary> rooms();

    /** The users in a room now, each once. */
    List<Identity> users(String room);

    /**
     * One page of a room's history as clients receive it, oldest first.
     *
     * @param before the page ends just before this id; null for the newest messages
     */
    List<EncodedMessage> history(String room, Long before, int limit);
}
