package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanOutTest {

    /** No write interval: the slow-reader test makes 2 000 round trips, each of which would wait it out. */
    private final RunningServer running = RunningServer.start(
            ServerSettings.defaults(), HubSettings.defaults().withWriteInterval(Duration.ZERO));

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_hundred_and_fifty_clients_all_receive_a_broadcast() throws Exception {
        var clients = new ArrayList<TestClient>();
        try {
            for (int i = 0; i < 150; i++) {
                clients.add(TestClient.entered(running.port(), "userId=u" + i + "&username=User" + i));
            }

            clients.getFirst().send("{\"type\":\"chat\",\"content\":\"hello, all 150\"}");

            for (var client : clients) {
                assertEquals("hello, all 150", client.nextOfType("chat").get("content").asText());
            }
        } finally {
            for (var client : clients) {
                client.close();
            }
        }
    }

    @Test
    void a_client_that_stops_reading_is_closed_as_too_slow_after_a_gapless_prefix_and_the_others_get_everything()
            throws Exception {
        var tinyReceiveBuffer = 4096;
        try (var stuck = RawSocket.upgraded(running.port(), "userId=stuck&username=Stuck", tinyReceiveBuffer);
             var alice = TestClient.joined(running.port(), "alice", "Alice");
             var bob = TestClient.joined(running.port(), "bob", "Bob")) {
            alice.nextOfType("join");
            var padding = "\uD83D\uDE00".repeat(990);

            for (int i = 0; i < 2_000; i++) {
                alice.send("{\"type\":\"chat\",\"content\":\"" + i + padding + "\"}");
                assertEquals(i + padding, bob.nextOfType("chat").get("content").asText());
            }

            assertEquals(1, running.hub.stats().closedTooSlow(), "8 MB cannot have fitted in its 1 MiB send queue");
            assertEquals(2, running.hub.clientCount());
            var ids = new ArrayList<Long>();
            assertEquals(4008, stuck.awaitCloseCode(ids::add), "once it reads again, it learns why it was closed");
            for (int i = 1; i < ids.size(); i++) {
                assertEquals(ids.get(i - 1) + 1, ids.get(i), "what it did receive has no gap: " + ids);
            }
        }
    }

    @Test
    void twenty_clients_that_never_read_are_each_closed_and_counted_once() throws Exception {
        var stuck = new ArrayList<RawSocket>();
        try (var poster = TestClient.joined(running.port(), "poster", "Poster")) {
            for (int i = 0; i < 20; i++) {
                stuck.add(RawSocket.upgraded(running.port(), "userId=stuck" + i + "&username=Stuck" + i, 4096));
            }
            var padding = "\uD83D\uDE00".repeat(990);

            for (int i = 0; running.hub.clientCount() > 1; i++) {
                poster.send("{\"type\":\"chat\",\"content\":\"" + i + padding + "\"}");
                assertEquals(i + padding, poster.nextOfType("chat").get("content").asText());
            }
            poster.send("{\"type\":\"chat\",\"content\":\"after\"}");
            assertEquals("after", poster.nextOfType("chat").get("content").asText());

            // Each socket's 4008 waits behind megabytes it never read, which a 4 KB window drains only at the pace of
            // TCP's zero-window probes; the test above reads one. Here: each counted, and counted once.
            assertEquals(20, running.hub.stats().closedTooSlow());
            assertEquals(1, running.hub.clientCount());
        } finally {
            for (var socket : stuck) {
                socket.close();
            }
        }
    }
}
