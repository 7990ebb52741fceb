package dev.chat.adapter.javalin;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a socket's hub client lives from its open to its close. Jetty may report a close while the open is still
 * running (a client that vanishes right after the upgrade), so whichever of the two comes second cleans up.
 *
 * @param <T> what an open socket holds
 */
final class SocketSlot<T> {

    private final AtomicReference<Object> content = new AtomicReference<>();
    private static final Object CLOSED = new Object();

    /** Stores what the open produced; false if the socket closed first, and then the caller must clean up. */
    boolean fill(T opened) {
        return content.compareAndSet(null, opened);
    }

    /** What an open socket holds; null if it is not open (yet, or any more). */
    @SuppressWarnings("unchecked")
    T current() {
        var value = content.get();
        return value == CLOSED ? null : (T) value;
    }

    /** Marks the socket closed; returns what it held, to clean up, or null if the open has not filled it yet. */
    @SuppressWarnings("unchecked")
    T close() {
        var previous = content.getAndSet(CLOSED);
        return previous == CLOSED ? null : (T) previous;
    }
}
