package dev.chat.domain.port.offered;

import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Instant;

/**
 * One connection's handle on the hub, given out by {@link ChatHub#connect}. The transport calls it when its client
 * sends something or goes away.
 *
 * <p>Threading: safe to call from any thread. Calls from one thread reach the hub in the order they were made.
 */
public interface Client {

    Identity identity();

    /**
     * Checks the message and, if it is valid, broadcasts it stamped with this client's identity and the hub's time.
     * A refusal goes back to this client only. Waits while the hub's inbox is full, which slows only this client.
     */
    void post(ClientMessage message);

    /** Sends this refusal to this client only, for input the transport could not even decode. */
    void reject(Rejection rejection);

    /**
     * The connection's credential runs out at {@code expires}: the client is told, so that it can send a fresh one
     * before the transport closes it.
     */
    void expiring(Instant expires);

    /**
     * The client presented a fresh credential for the same user: from now on it may use the rooms {@code access}
     * permits, and leaves any room it was in that this no longer does (with an error saying so); then it is told
     * that the connection lasts until {@code expires}.
     */
    void renew(RoomAccess access, Instant expires);

    /** The connection has ended: the hub forgets the client and tells the others. Idempotent. */
    void disconnect();
}
