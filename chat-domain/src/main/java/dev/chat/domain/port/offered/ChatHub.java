package dev.chat.domain.port.offered;

import dev.chat.domain.protocol.CloseReason;

/**
 * The port the core offers: a hub that owns every connected client, routes their messages through rooms and to
 * each other, and remembers each room's history. It opens three doors, so that each adapter is handed only the one
 * it uses: {@link ChatConnections} for a transport, {@link ChatQueries} for whoever only looks, and
 * {@link ChatOperations} for the product's backend. Whoever starts the hub holds all of it, and closes it.
 *
 * <p>Threading: every method is safe to call from any thread.
 */
public interface ChatHub extends ChatConnections, ChatQueries, ChatOperations, AutoCloseable {

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
