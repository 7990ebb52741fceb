package dev.chat.domain.port.needed;

import dev.chat.domain.ChatEvent;

/**
 * The port the hub needs to tell the product's backend what happened, as webhooks do.
 *
 * <p>Threading: called from the hub's loop, among others, so it must return at once: queue the event, or drop it and
 * count that, but never wait.
 */
public interface Events {

    /** Tells nobody. */
    Events NONE = event -> { };

    void happened(ChatEvent event);
}
