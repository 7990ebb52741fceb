package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request that trickles in is cut off at the request timeout, however often it sends a byte. */
class SlowRequestTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private final RunningServer running = RunningServer.start(
            ServerSettings.defaults().withRequestTimeout(TIMEOUT), HubSettings.defaults());
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        trickle.shutdownNow();
        running.close();
    }

    @Test
    void headers_sent_a_byte_at_a_time_are_cut_off_at_the_timeout_while_others_are_served() throws Exception {
        try (var slow = new Socket()) {
            slow.connect(new InetSocketAddress("127.0.0.1", running.port()));
            slow.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            var request = "GET /ws?userId=slow&username=Slow HTTP/1.1\r\nHost: x\r\nX-Padding: "
                    .getBytes(StandardCharsets.US_ASCII);
            var out = slow.getOutputStream();
            var sent = new int[1];
            long started = System.nanoTime();
            trickle.scheduleAtFixedRate(() -> sendNext(out, request, sent), 0, 50, TimeUnit.MILLISECONDS);

            assertEquals(-1, slow.getInputStream().read(), "the server closes without an answer");

            long took = System.nanoTime() - started;
            assertTrue(took >= TIMEOUT.toNanos() - TimeUnit.MILLISECONDS.toNanos(100), "closed after " + took + " ns");
            assertTrue(took < Duration.ofSeconds(10).toNanos(), "closed only after " + took + " ns");
            assertEquals(200, running.get("/health").statusCode(), "a client that sends its request at once is served");
        }
    }

    @Test
    void a_websocket_outlives_the_request_timeout_of_its_upgrade() throws Exception {
        var client = TestClient.joined(running.port(), "alice", "Alice");
        var other = TestClient.joined(running.port(), "bob", "Bob");

        var closedByTimeout = TestClient.connect(running.port(), "userId=carol&username=Carol");
        try (var idle = new Socket()) {
            idle.connect(new InetSocketAddress("127.0.0.1", running.port()));
            assertEquals(-1, idle.getInputStream().read(), "a connection that sends nothing is closed too");
        }

        client.send("{\"type\":\"chat\",\"content\":\"still open\"}");
        assertEquals("still open", other.nextOfType("chat").get("content").asText());
        assertFalse(closedByTimeout.isClosed(), "the upgraded sockets were left alone");
    }

    /** Bytes of a request that never ends: the padding header goes on for as long as it is sent. */
    private static void sendNext(OutputStream out, byte[] request, int[] sent) {
        try {
            out.write(sent[0] < request.length ? request[sent[0]] : 'a');
            out.flush();
            sent[0]++;
        } catch (IOException closed) {
            throw new IllegalStateException("stop trickling", closed);
        }
    }
}
