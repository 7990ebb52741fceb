package dev.chat.domain;

/** What a client may ask the hub to do, once its message has passed every check. */
public sealed interface Request {

    /**
     * Say something in a room.
     *
     * @param room null to mean the connection's only room
     */
    record Chat(String room, String content) implements Request {}

    /** Say something to one user, on all their connections. */
    record Direct(String to, String content) implements Request {}

    /**
     * Enter a room.
     *
     * @param since the last id the client saw there, to catch up from; null for the latest history
     */
    record Subscribe(String room, Long since) implements Request {}

    /** Leave a room. */
    record Unsubscribe(String room) implements Request {}

    /**
     * Tell the room's other members that this user is typing; advisory, kept nowhere.
     *
     * @param room null to mean the connection's only room
     */
    record Typing(String room) implements Request {}
}
