package dev.chat.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A message as every recipient sees it. Who sent it and when are stamped by the server, never taken from a client.
 *
 * @param content   the text; for a reaction, its emoji; empty for a deletion
 * @param timestamp the UTC instant the hub accepted the message
 * @param target    for a message that {@link MessageType#amends amends} a chat, that chat's id in the room; else 0
 */
public record Message(MessageType type, String userId, String username, String content, Instant timestamp,
        long target) {

    public Message {
        requireNonNull(type, "type");
        requireNonNull(userId, "userId");
        requireNonNull(username, "username");
        requireNonNull(content, "content");
        requireNonNull(timestamp, "timestamp");
        if (type.amends() != target > 0) {
            throw new IllegalArgumentException(type + " messages " + (type.amends() ? "need" : "have no") + " target");
        }
    }

    /** A message that amends no other. */
    public Message(MessageType type, String userId, String username, String content, Instant timestamp) {
        this(type, userId, username, content, timestamp, 0);
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

    public static Message edit(Identity author, long target, String content, Instant at) {
        return new Message(MessageType.EDIT, author.userId(), author.username(), content, at, target);
    }

    /** Carries no content: the deleted chat's text is not repeated to anyone. */
    public static Message delete(Identity by, long target, Instant at) {
        return new Message(MessageType.DELETE, by.userId(), by.username(), "", at, target);
    }

    /** A deletion by the server itself: no author, as a system message has none. */
    public static Message deletedByServer(long target, Instant at) {
        return new Message(MessageType.DELETE, "", "", "", at, target);
    }

    /** @param add true for a reaction added, false for one taken back */
    public static Message reaction(Identity by, long target, String emoji, boolean add, Instant at) {
        return new Message(add ? MessageType.REACT : MessageType.UNREACT, by.userId(), by.username(), emoji, at, target);
    }

    /** The same message with its text gone: what a deletion leaves of a chat and of the edits that changed it. */
    public Message erased() {
        return new Message(type, userId, username, "", timestamp, target);
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
