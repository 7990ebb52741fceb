package dev.chat.domain.port.offered;

import dev.chat.domain.Analytics;
import dev.chat.domain.Availability;
import dev.chat.domain.HubStats;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.Identity;
import dev.chat.domain.MessageType;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomName;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.Unread;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.util.List;
import java.util.Optional;

/**
 * The port the core offers: a hub that owns every connected client, routes their messages through rooms and to
 * each other, and remembers each room's history.
 *
 * <p>Threading: every method is safe to call from any thread.
 */
public interface ChatHub extends AutoCloseable {

    /** Admits a connection in the {@link RoomName#GLOBAL} room, as the original protocol does. */
    default Client connect(Identity identity, Connection connection) {
        return connect(identity, connection, new Request.Subscribe(RoomName.GLOBAL, null));
    }

    /** Admits a connection that may use every room, and enters it into its first room. */
    default Client connect(Identity identity, Connection connection, Request.Subscribe firstRoom) {
        return connect(identity, RoomAccess.EVERY_ROOM, connection, firstRoom);
    }

    /**
     * Admits a connection under this identity, which may use the rooms {@code access} permits, and enters it into
     * its first room (or tells it why not). After {@link #close} the connection is closed with
     * {@link CloseReason#GOING_AWAY} instead.
     */
    Client connect(Identity identity, RoomAccess access, Connection connection, Request.Subscribe firstRoom);

    /** Sends a {@link MessageType#SYSTEM} message to every room. */
    void announce(String content);

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

    /**
     * Stops taking input, delivers what is queued, closes every connection with {@link CloseReason#GOING_AWAY} and
     * stops the hub's threads. Waits for that up to the hub's shutdown timeout. Idempotent.
     */
    @Override
    default void close() {
        close(CloseReason.GOING_AWAY);
    }

    /**
     * As {@link #close()}, closing every connection, and any that comes after, with this reason: such as
     * {@link CloseReason#SERVICE_RESTART} for a node of a cluster whose clients should reconnect to another.
     */
    void close(CloseReason reason);
}
