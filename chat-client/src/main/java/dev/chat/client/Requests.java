package dev.chat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The requests sent and not yet answered, oldest first. The server answers each connection's requests in order: a
 * frame settles the oldest request it answers, and an error frame the oldest of all. Used on the client's thread only.
 */
final class Requests {

    /** One request: what answers it, its answer, and, for a send tagged with a nonce, the text to send again. */
    record Pending(Predicate<Frame> answers, CompletableFuture<Frame> answer, String resend) {}

    private final List<Pending> pending = new ArrayList<>();

    CompletableFuture<Frame> add(Predicate<Frame> answers, String resend) {
        var request = new Pending(answers, new CompletableFuture<>(), resend);
        pending.add(request);
        return request.answer();
    }

    /** Settles the oldest request the frame answers, if any. */
    void answer(Frame frame) {
        boolean error = "error".equals(frame.type());
        for (var request : pending) {
            if (error || request.answers().test(frame)) {
                pending.remove(request);
                if (error) {
                    request.answer().completeExceptionally(new ChatException(frame.string("code"),
                            frame.string("message")));
                } else {
                    request.answer().complete(frame);
                }
                return;
            }
        }
    }

    /** The texts of the sends to make again on a new connection, in the order they were first sent. */
    List<String> resends() {
        return pending.stream().filter(request -> request.resend() != null).map(Pending::resend).toList();
    }

    /** Fails every request, or with {@code resendable} false only those that will not be sent again. */
    void fail(boolean resendable, String why) {
        for (var request : List.copyOf(pending)) {
            if (resendable || request.resend() == null) {
                pending.remove(request);
                request.answer().completeExceptionally(new ChatException("closed", why));
            }
        }
    }
}
