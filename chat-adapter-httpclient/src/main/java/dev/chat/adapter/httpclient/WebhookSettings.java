package dev.chat.adapter.httpclient;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Where the events go and how.
 *
 * @param url       the receiver, which a POST of a batch of events reaches
 * @param secret    signs each request, so the receiver can tell it came from here
 * @param capacity  the most events waiting to be sent; past it new ones are dropped and counted
 * @param batch     the most events in one request
 * @param timeout   the longest one request may take
 * @param firstWait the wait before retrying a failed request, doubled after each failure up to {@code lastWait}
 * @param lastWait  the longest wait between two tries
 */
public record WebhookSettings(URI url, String secret, int capacity, int batch, Duration timeout, Duration firstWait,
        Duration lastWait) {

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final int DEFAULT_BATCH = 100;

    public WebhookSettings {
        requireNonNull(url, "url");
        requireNonNull(secret, "secret");
        requireNonNull(timeout, "timeout");
        requireNonNull(firstWait, "firstWait");
        requireNonNull(lastWait, "lastWait");
        if (capacity < 1 || batch < 1) {
            throw new IllegalArgumentException("a webhook queue and batch hold one event at least");
        }
    }

    /** With the defaults: 100 000 events queued, 100 a request, 5 s a request, retried after 0.5 s up to 30 s. */
    public static WebhookSettings of(URI url, String secret) {
        return new WebhookSettings(url, secret, DEFAULT_CAPACITY, DEFAULT_BATCH, Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
