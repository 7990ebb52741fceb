package dev.chat.domain;

import static java.util.Objects.requireNonNull;

/**
 * A message from one user to another: it reaches every connection of the recipient and of the sender, nobody
 * else, and no room's history.
 *
 * @param to the recipient's userId
 */
public record DirectMessage(String to, Message message) {

    public DirectMessage {
        requireNonNull(to, "to");
        requireNonNull(message, "message");
    }
}
