package dev.chat.domain;

import java.time.Instant;

/**
 * Something that happened in the chat, as the product's backend is told of it: on the node where it happened, once.
 */
public sealed interface ChatEvent {

    Instant at();

    /** A message numbered in a room: a chat, an edit, a deletion, a join, a leave, or any other kind. */
    record Posted(RoomMessage message) implements ChatEvent {

        @Override
        public Instant at() {
            return message.message().timestamp();
        }
    }

    /** A connection of the user opened. */
    record Connected(Identity who, Instant at) implements ChatEvent {}

    /** A connection of the user closed, for whatever reason. */
    record Disconnected(Identity who, Instant at) implements ChatEvent {}

    /** A ban or mute imposed or lifted through the server API. */
    record Sanctioned(SanctionChange change, Instant at) implements ChatEvent {}
}
