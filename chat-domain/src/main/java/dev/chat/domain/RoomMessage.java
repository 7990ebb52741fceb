package dev.chat.domain;

import static java.util.Objects.requireNonNull;

/**
 * A message as it was published in a room: every member receives it with the same id, ids increase within the
 * room, and history keeps it under that id. A chat in history is shown as it is now: edited content, erased if
 * deleted, with its reactions, all in {@code changes}.
 *
 * @param id assigned by the hub, from 1
 */
public record RoomMessage(String room, long id, Message message, Changes changes) {

    public RoomMessage {
        requireNonNull(room, "room");
        requireNonNull(message, "message");
        requireNonNull(changes, "changes");
        if (id < 1) {
            throw new IllegalArgumentException("ids start at 1, was " + id);
        }
    }

    /** A message as it was published, unchanged since. */
    public RoomMessage(String room, long id, Message message) {
        this(room, id, message, Changes.NONE);
    }

    /** Whether this is a chat that is still there to edit, delete or react to. */
    public boolean isLiveChat() {
        return message.type() == MessageType.CHAT && !changes.deleted();
    }

    /**
     * This chat as the amending message, numbered {@code amendmentId}, leaves it: edited, deleted (its content
     * erased) or reacted to. Applying the same amendment twice leaves it as once, so a store may replay one; a
     * deleted chat takes no more.
     */
    public RoomMessage amendedBy(long amendmentId, Message amendment) {
        if (changes.deleted()) {
            return this;
        }
        var now = amendment.timestamp();
        return switch (amendment.type()) {
            case EDIT -> new RoomMessage(room, id, new Message(message.type(), message.userId(), message.username(),
                    amendment.content(), message.timestamp()), changes.edited(now).revised(amendmentId));
            case DELETE -> new RoomMessage(room, id, message.erased(), changes.deletedNow().revised(amendmentId));
            case REACT, UNREACT -> new RoomMessage(room, id, message, changes.reacted(amendment.content(),
                    amendment.userId(), amendment.type() == MessageType.REACT).revised(amendmentId));
            case CHAT, SYSTEM, JOIN, LEAVE, DIRECT -> throw new IllegalArgumentException(
                    amendment.type() + " does not amend a chat");
        };
    }

    /** An edit of a chat since deleted: kept for its id and its place in the room, with the text gone. */
    public RoomMessage erased() {
        return new RoomMessage(room, id, message.erased(), changes);
    }
}
