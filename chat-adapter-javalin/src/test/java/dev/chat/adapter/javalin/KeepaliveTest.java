package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeepaliveTest {

    private static final Duration PING_INTERVAL = Duration.ofMillis(100);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(600);

    private final RunningServer running = RunningServer.start(
            ServerSettings.defaults().withKeepalive(PING_INTERVAL, IDLE_TIMEOUT), HubSettings.defaults());

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_peer_that_never_answers_is_closed_even_while_the_server_keeps_writing_to_it() throws Exception {
        try (var silent = RawSocket.upgraded(running.port(), "userId=silent&username=Silent", 0);
             var talker = TestClient.joined(running.port(), "talker", "Talker")) {
            var closeCode = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.awaitCloseCode();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.WAIT_SECONDS);
            for (int round = 0; !closeCode.isDone(); round++) {
                assertTrue(System.nanoTime() < deadline, "the silent peer was never closed");
                talker.send("{\"type\":\"chat\",\"content\":\"keeping the server busy " + round + "\"}");
                talker.nextOfType("chat");
            }

            assertEquals(1001, closeCode.join());
        }
    }

    @Test
    void a_peer_that_answers_pings_stays_connected_past_several_idle_timeouts() throws Exception {
        try (var quiet = TestClient.joined(running.port(), "quiet", "Quiet")) {
            int pingsInThreeIdleTimeouts = (int) (3 * IDLE_TIMEOUT.toMillis() / PING_INTERVAL.toMillis());

            Await.until(() -> quiet.isClosed() || quiet.pingsReceived() >= pingsInThreeIdleTimeouts,
                    () -> "only " + quiet.pingsReceived() + " pings arrived");

            assertFalse(quiet.isClosed());
            assertEquals("{\"status\":\"ok\",\"clients\":1,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());
        }
    }
}
