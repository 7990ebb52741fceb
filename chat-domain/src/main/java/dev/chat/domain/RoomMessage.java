package dev.chat.domain;

import static java.util.Objects.requireNonNull;

/**
 * A message as it was published in a room: every member receives it with the same id, ids increase within the
 * room, and history keeps it under that id.
 *
 * @param id assigned by the hub, from 1
 */
public record RoomMessage(String room, long id, Message message) {

    public RoomMessage {
        requireNonNull(room, "room");
        requireNonNull(message, "message");
        if (id < 1) {
            throw new IllegalArgumentException("ids start at 1, was " + id);
        }
    }
}
