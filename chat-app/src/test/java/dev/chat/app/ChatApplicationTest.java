package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wired application, started from a configuration as main does it, and stopped as a signal stops it. */
class ChatApplicationTest {

    @TempDir
    Path data;

    @Test
    void stopping_tells_every_client_closes_it_with_1001_and_finishes_in_time() throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "SHUTDOWN_TIMEOUT", "5s", "DATA_DIR", data.toString())).config());
        var alice = TestClient.joined(app.port(), "alice", "Alice");
        var bob = TestClient.joined(app.port(), "bob", "Bob");
        alice.send("{\"type\":\"chat\",\"content\":\"before the end\"}");
        assertEquals("before the end", bob.nextOfType("chat").get("content").asText());

        assertTrue(app.stop(), "every socket closed before the server stopped");

        for (var client : new TestClient[] {alice, bob}) {
            assertEquals(ChatApplication.SHUTDOWN_NOTICE, client.nextOfType("system").get("content").asText());
            assertEquals(1001, client.awaitClose().code());
        }
    }

    @Test
    void host_binds_the_server_to_one_address() throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATA_DIR", data.toString())).config());
        try (var local = new Socket()) {
            local.connect(new InetSocketAddress("127.0.0.1", app.port()));
            assertTrue(local.isConnected());
        } finally {
            app.stop();
        }
    }

    @Test
    void a_client_over_its_message_budget_is_told_when_to_retry() throws Exception {
        var app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString())).config());
        try {
            var alice = TestClient.joined(app.port(), "alice", "Alice");
            for (int i = 0; i < 20; i++) {
                alice.send("{\"type\":\"chat\",\"content\":\"m" + i + "\"}");
            }

            var refusal = alice.nextOfType("error");

            assertEquals("rate_limited", refusal.get("code").asText());
            assertTrue(refusal.get("message").asText().matches("too many messages: retry in \\d+ ms"),
                    refusal.toString());
        } finally {
            app.stop();
        }
    }
}
