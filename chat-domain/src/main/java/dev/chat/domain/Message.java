package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A message as every recipient sees it. Who sent it and when are stamped by the server, never taken from a client.
 *
 * @param timestamp the UTC instant the hub accepted the message
 */
public record Message(MessageType type, String userId, String username, String content, Instant timestamp) {

    public Message {
        requireNonNull(type, "type");
        requireNonNull(userId, "userId");
        requireNonNull(username, "username");
        requireNonNull(content, "content");
        requireNonNull(timestamp, "timestamp");
    }

    public static Message chat(Identity author, String content, Instant at) {
        return new Message(MessageType.CHAT, author.userId(), author.username(), content, at);
    }

    public static Message joined(Identity who, Instant at) {
        return new Message(MessageType.JOIN, who.userId(), who.username(), who.username() + " joined", at);
    }

    public static Message left(Identity who, Instant at) {
        return new Message(MessageType.LEAVE, who.userId(), who.username(), who.username() + " left", at);
    }

    public static Message direct(Identity author, String content, Instant at) {
        return new Message(MessageType.DIRECT, author.userId(), author.username(), content, at);
    }

    /** What a large room is told of its joins and leaves since the last such message, for example "12 joined, 3 left". */
    public static Message presenceSummary(int joined, int left, Instant at) {
        return system(summaryText(joined, left), at);
    }

    private static String summaryText(int joined, int left) {
        if (left == 0) {
            return joined + " joined";
        }
        return joined == 0 ? left + " left" : joined + " joined, " + left + " left";
    }

    /** A server announcement; it has no author, so its user fields are empty. */
    public static Message system(String content, Instant at) {
        return new Message(MessageType.SYSTEM, "", "", content, at);
    }
}
