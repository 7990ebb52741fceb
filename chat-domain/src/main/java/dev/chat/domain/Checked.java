package dev.chat.domain;

/**
 * The outcome of checking input: the value it was turned into, or why it was refused.
 *
 * @param <T> what valid input becomes
 */
public sealed interface Checked<T> {

    record Accepted<T>(T value) implements Checked<T> {}

    record Rejected<T>(Rejection rejection) implements Checked<T> {}

    static <T> Checked<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Checked<T> rejected(ErrorCode code, String message) {
        return new Rejected<>(new Rejection(code, message));
    }
}
