package dev.chat.domain.port.offered;

import dev.chat.domain.Checked;
import dev.chat.domain.Identity;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Instant;
import java.util.function.Supplier;

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

    /**
     * Sends this refusal to this client only, for input the transport could not even decode. The frame is paid for
     * from the client's budget like any message, so refused input is never free; over the budget the client is told
     * {@code rate_limited} instead, and a flood is closed.
     */
    void reject(Rejection rejection);

    /**
     * The connection's credential runs out at {@code expires}: the client is told, so that it can send a fresh one
     * before the transport closes it.
     */
    void expiring(Instant expires);

    /**
     * The client presented a fresh credential. The frame is paid for from the budget first, so that a flood of
     * tokens costs no verification; then {@code verify} runs on the caller's thread. If it accepts, the client may
     * from now on use the rooms the renewal permits, leaves any room it was in that it no longer does (with an error
     * saying so), and is told that the connection lasts until the renewal's expiry; if not, it is told why.
     */
    void refresh(Supplier<Checked<Renewal>> verify);

    /** What a fresh credential lets a connection do, and until when. */
    record Renewal(RoomAccess access, Instant expires) {}

    /** The connection has ended: the hub forgets the client and tells the others. Idempotent. */
    void disconnect();
}
