package dev.chat.domain;

/**
 * The port the core offers: a hub that owns every connected client and fans messages out to them.
 *
 * <p>Threading: every method is safe to call from any thread.
 */
public interface ChatHub extends AutoCloseable {

    /**
     * Admits a connection under this identity and announces it to everyone, the newcomer included. After
     * {@link #close} the connection is closed with {@link CloseReason#GOING_AWAY} instead.
     */
    Client connect(Identity identity, Connection connection);

    /** Sends a {@link MessageType#SYSTEM} message to everyone connected. */
    void announce(String content);

    /** How many clients are connected now. */
    int clientCount();

    /** Counters since the hub started. */
    HubStats stats();

    /**
     * Stops taking input, delivers what is queued, closes every connection with {@link CloseReason#GOING_AWAY} and
     * stops the hub's threads. Waits for that up to the hub's shutdown timeout. Idempotent.
     */
    @Override
    void close();
}
