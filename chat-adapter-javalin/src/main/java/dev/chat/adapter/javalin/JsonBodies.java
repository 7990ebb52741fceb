package dev.chat.adapter.javalin;

import dev.chat.domain.Rejection;

/** The shapes of the JSON this adapter writes itself; the hub writes the chat messages. */
final class JsonBodies {

    private JsonBodies() {}

    record Health(String status, int clients) {}

    record Error(String type, String code, String message) {
        static Error of(Rejection rejection) {
            return new Error("error", rejection.code().wireCode(), rejection.message());
        }
    }
}
