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
    DIRECT,
    /** The author changed the content of one of its chats. */
    EDIT,
    /** The author (or an operator) deleted a chat: its content is erased everywhere it was kept. */
    DELETE,
    /** A user added an emoji to a chat. */
    REACT,
    /** A user took back an emoji it had added. */
    UNREACT;

    /** Whether a message of this kind changes an earlier chat of its room, which it names as its target. */
    public boolean amends() {
        return this == EDIT || this == DELETE || this == REACT || this == UNREACT;
    }
}
