package dev.chat.adapter.httpclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JSON request to the product's backend and its answer, trusting nothing of it: the whole call, answer read
 * included, within the timeout; no redirect followed; an answer over {@link #MAX_ANSWER_BYTES} cut off; anything
 * but a 2xx with a JSON object is a failure, described in one line.
 */
final class JsonCall {

    /** Far more than any answer a hook gives: a few fields. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** The backend's answer, or why there is none. */
    sealed interface Outcome {

        record Answered(JsonNode body) implements Outcome {}

        record Failed(String why) implements Outcome {}
    }

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    JsonCall(HttpClient http) {
        this.http = http;
    }

    static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts the body as JSON and reads the JSON answer. */
    Outcome post(URI to, Object body, Duration timeout, Map<String, String> headers) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a hook's body is plain data", e);
        }
        return switch (send(to, bytes, timeout, headers)) {
            case Sent.Failed(var why) -> new Outcome.Failed(why);
            case Sent.Answered(var response) -> answer(response);
        };
    }

    /** Posts bytes that are JSON already; any 2xx is a success, whatever its body. Empty if it was one. */
    Optional<String> deliver(URI to, byte[] body, Duration timeout, Map<String, String> headers) {
        return switch (send(to, body, timeout, headers)) {
            case Sent.Failed(var why) -> Optional.of(why);
            case Sent.Answered(var response) when response.statusCode() / 100 == 2 -> Optional.empty();
            case Sent.Answered(var response) -> Optional.of("answered " + response.statusCode());
        };
    }

    private sealed interface Sent {

        record Answered(HttpResponse<byte[]> response) implements Sent {}

        record Failed(String why) implements Sent {}
    }

    private Sent send(URI to, byte[] body, Duration timeout, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(to).timeout(timeout).header("Content-Type", "application/json");
        headers.forEach(request::header);
        var sent = http.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                info -> new Limited(MAX_ANSWER_BYTES));
        try {
            return new Sent.Answered(sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Sent.Failed("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            var cause = e.getCause();
            return new Sent.Failed(cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return new Sent.Failed("interrupted");
        }
    }

    private Outcome answer(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            return new Outcome.Failed("answered " + response.statusCode());
        }
        try {
            var body = json.readTree(response.body());
            return body != null && body.isObject() ? new Outcome.Answered(body)
                    : new Outcome.Failed("answered something other than a JSON object");
        } catch (java.io.IOException e) {
            return new Outcome.Failed("answered something other than JSON");
        }
    }

    /** Collects the answer's bytes, and gives up on an answer larger than {@code limit}. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final List<ByteBuffer> parts = new ArrayList<>();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private int size;

        Limited(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (var buffer : buffers) {
                size += buffer.remaining();
                parts.add(buffer);
            }
            if (size > limit) {
                subscription.cancel();
                body.completeExceptionally(new IllegalStateException("answer over " + limit + " bytes"));
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            var bytes = new byte[size];
            int at = 0;
            for (var part : parts) {
                int length = part.remaining();
                part.get(bytes, at, length);
                at += length;
            }
            body.complete(bytes);
        }
    }
}
