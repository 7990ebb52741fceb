package dev.chat.domain.port.needed;

import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import java.io.IOException;
import java.util.List;

/**
 * The port the hub needs: one client's transport, to write to and to close.
 *
 * <p>Threading: the hub calls {@link #send} from a single writer thread per connection, never concurrently, and
 * may call {@link #close} from any thread. A transport with frames of its own to write (pings, pongs) has them written
 * by that same thread: see {@link #writtenBy}.
 */
public interface Connection {

    /**
     * Writes each message as its own text frame, in order, in as few network writes as the transport can, and
     * returns once they are written. It may block; the hub calls it from a thread of the connection's own.
     *
     * @param messages valid only during the call; the messages themselves are shared with other connections
     * @throws IOException when the connection can no longer be written to
     */
    void send(List<EncodedMessage> messages) throws IOException;

    /**
     * Called by the hub once, before the first {@link #send}: after {@code requestWrite} runs, from any thread, the
     * connection's writer soon calls {@link #send}, with an empty list if no message is waiting. So a transport's own
     * frames, written at the start of that send, leave on the one thread that writes the connection, and a socket
     * needs no lock between writers. A transport with no frames of its own ignores it.
     */
    default void writtenBy(Runnable requestWrite) {}

    /**
     * Closes the connection after whatever was already sent. A {@link #send} in progress must end, returning or
     * throwing, once the transport gives up on it: the hub never interrupts its writers. Idempotent; never throws.
     */
    void close(CloseReason reason);
}
