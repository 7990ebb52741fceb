package dev.chat.domain;

/** The kinds of {@link Message} the server sends. */
public enum MessageType {
    /** A user's message to a room. */
    CHAT,
    /** An announcement from the server itself. */
    SYSTEM,
    /** Someone entered a room. */
    JOIN,
    /** Someone left a room. */
    LEAVE,
    /** A user's message to one other user. */
    DIRECT;
}
