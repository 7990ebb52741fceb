package dev.chat.domain;

import static java.util.Objects.requireNonNull;

/**
 * Input refused for a reason the sender can fix. It is an answer to that sender only, never an exception.
 *
 * @param message a sentence a person can read
 */
public record Rejection(ErrorCode code, String message) {

    public Rejection {
        requireNonNull(code, "code");
        requireNonNull(message, "message");
    }
}
