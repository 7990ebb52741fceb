package dev.chat.domain;

import java.util.Optional;

/** What a client may ask the hub to do, once its message has passed every check. */
public sealed interface Request {

    /**
     * Say something in a room.
     *
     * @param room  null to mean the connection's only room
     * @param nonce the client's tag on it, so that a resend does not post it twice
     */
    record Chat(String room, String content, Optional<Nonce> nonce) implements Request {

        public Chat(String room, String content) {
            this(room, content, Optional.empty());
        }
    }

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

    /**
     * Mark everything up to a message read.
     *
     * @param room null to mean the connection's only room
     */
    record Read(String room, long id) implements Request {}

    /** A change to a chat already posted. */
    sealed interface Amend extends Request {

        /** Null to mean the connection's only room. */
        String room();

        /** The chat's id in the room. */
        long target();
    }

    /** Change the content of one's own chat; {@code nonce} as a chat's. */
    record Edit(String room, long target, String content, Optional<Nonce> nonce) implements Amend {

        public Edit(String room, long target, String content) {
            this(room, target, content, Optional.empty());
        }
    }

    /** Delete one's own chat (or, for an operator, anyone's); its content is erased. */
    record Delete(String room, long target) implements Amend {}

    /** @param add true to add the emoji to the chat, false to take it back */
    record React(String room, long target, String emoji, boolean add) implements Amend {}
}
