package dev.chat.domain.port.offered;

import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomName;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.protocol.CloseReason;
import java.util.Optional;

/**
 * The hub's door for a transport: it admits each client's connection and hands back the {@link Client} through
 * which everything the client sends reaches the hub.
 *
 * <p>Threading: every method is safe to call from any thread.
 */
public interface ChatConnections {

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
     * its first room (or tells it why not). Once the hub is closed the connection is closed with
     * {@link CloseReason#GOING_AWAY} instead.
     */
    Client connect(Identity identity, RoomAccess access, Connection connection, Request.Subscribe firstRoom);

    /**
     * Why the user may not connect now, if it may not: it is banned. For a transport to refuse the connection before
     * it opens; one that opens anyway is told and closed with {@link CloseReason#BANNED}.
     */
    Optional<Rejection> barred(String userId);
}
