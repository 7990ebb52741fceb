package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void shutting_down_delivers_what_was_sent_then_closes_every_socket_with_1001() throws Exception {
        var running = RunningServer.start();
        var clients = new ArrayList<TestClient>();
        for (int i = 0; i < 20; i++) {
            clients.add(TestClient.joined(running.port(), "u" + i, "User" + i));
        }
        clients.getFirst().send("{\"type\":\"chat\",\"content\":\"last call\"}");
        Await.until(() -> running.hub.stats().messages() == 21, () -> "the chat never reached the hub");

        assertTrue(running.shutdown(), "every socket finished its close handshake before the server stopped");

        for (var client : clients) {
            assertEquals("last call", client.nextOfType("chat").get("content").asText());
            assertEquals(1001, client.awaitClose().code());
        }
    }
}
