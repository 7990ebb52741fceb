package dev.chat.adapter.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for Redis to answer, for the calls whose caller cannot go on without the answer. */
final class Answers {

    private Answers() {}

    /** Waits a little longer than Lettuce's own timeout, which fails the command first. */
    static <T> T await(CompletableFuture<T> answer, Duration commandTimeout) {
        try {
            return answer.get(commandTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + commandTimeout, e);
        }
    }
}
