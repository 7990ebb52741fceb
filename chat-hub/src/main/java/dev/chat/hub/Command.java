package dev.chat.hub;

import dev.chat.domain.Rejection;
import dev.chat.domain.Request;

/** What reaches the event loop through its inbox. */
sealed interface Command {

    /** Whether the command came from a client and so counts against the inbox's bound. */
    default boolean fromClient() {
        return false;
    }

    record Connect(Member member) implements Command {}

    record Disconnect(Member member) implements Command {}

    record Announce(String content) implements Command {}

    record Shutdown() implements Command {}

    record Post(Member from, Request request) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }

    record Reply(Member to, Rejection rejection) implements Command {
        @Override
        public boolean fromClient() {
            return true;
        }
    }
}
