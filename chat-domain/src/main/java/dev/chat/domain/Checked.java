package dev.chat.domain;

import java.util.function.Function;

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

    /** Applies the function to an accepted value; a rejection stays as it is. */
    default <R> Checked<R> map(Function<? super T, ? extends R> function) {
        return flatMap(value -> accepted(function.apply(value)));
    }

    /** Goes on checking an accepted value; a rejection stays as it is. */
    default <R> Checked<R> flatMap(Function<? super T, Checked<R>> next) {
        return switch (this) {
            case Accepted<T>(var value) -> next.apply(value);
            case Rejected<T>(var rejection) -> new Rejected<>(rejection);
        };
    }
}
