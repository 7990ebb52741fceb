package dev.chat.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Asks the server's health endpoint how many clients it counts: {@code {"status":"ok","clients":N}}; with the
 * nodes of a cluster, each node's endpoint, adding their counts.
 */
final class Health {

    private static final Pattern CLIENTS = Pattern.compile("\"clients\"\\s*:\\s*(\\d+)");

    private final List<URI> uris;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Health(List<URI> uris) {
        this.uris = List.copyOf(uris);
    }

    /** Asks until the server counts {@code expected} clients or the timeout passes; returns its last answer. */
    int awaitClients(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int clients = clients();
        while (clients != expected && clients >= 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            clients = clients();
        }
        return clients;
    }

    /** The servers' client count, or -1 if one of them did not say. */
    int clients() {
        int total = 0;
        for (var uri : uris) {
            int clients = clients(uri);
            if (clients < 0) {
                return -1;
            }
            total += clients;
        }
        return total;
    }

    private int clients(URI uri) {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
            var body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            var matcher = CLIENTS.matcher(body);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
