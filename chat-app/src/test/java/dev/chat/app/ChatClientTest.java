package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.app.example.HelloChat;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatException;
import dev.chat.client.Frame;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * chat-client, the Java client library, against a real server: it posts and hears, survives the network failing
 * between a send and its answer (the send lands once), and a server restart (every room resumed, each message once).
 */
class ChatClientTest {

    @RegisterExtension
    final TestApps apps = new TestApps();

    @Test
    void it_connects_posts_and_hears_the_others_and_a_refusal_fails_its_request() throws Exception {
        var app = apps.start(Map.of());
        var heard = new LinkedBlockingQueue<Frame>();
        var alice = client(app.port(), "alice").on("chat", heard::add);
        alice.connect().get(10, TimeUnit.SECONDS);
        var bob = apps.userInDev(app.port(), "bob");

        var echo = alice.send("dev", "hello from Java").get(10, TimeUnit.SECONDS);
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"hi alice\"}");

        assertEquals("hello from Java", echo.string("content"));
        assertEquals(echo.id(), bob.nextOfType("chat").get("id").asText());
        assertEquals("hello from Java", heard.poll(10, TimeUnit.SECONDS).string("content"));
        assertEquals("hi alice", heard.poll(10, TimeUnit.SECONDS).string("content"));
        var refused = alice.send("dev", "x".repeat(1001)).handle((frame, failure) -> failure).get(10, TimeUnit.SECONDS);
        assertEquals("content_too_long", ((ChatException) refused).code());
        var direct = alice.direct("bob", "psst").get(10, TimeUnit.SECONDS);
        assertEquals("psst", direct.string("content"));
    }

    @Test
    void a_send_whose_answer_the_network_lost_is_sent_again_after_the_reconnect_and_lands_once() throws Exception {
        var app = apps.start(Map.of());
        var network = new TcpCutter(app.port());
        apps.closedAfter(network);
        var alice = client(network.port(), "alice");
        alice.connect().get(10, TimeUnit.SECONDS);
        var bob = apps.userInDev(app.port(), "bob");

        network.swallowAnswers();
        var sent = alice.send("dev", "on my way");
        assertEquals("on my way", bob.nextOfType("chat").get("content").asText(), "the server posted it");
        network.cut();

        var answer = sent.get(20, TimeUnit.SECONDS);
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"and then\"}");
        assertEquals("on my way", answer.string("content"));
        assertEquals("and then", bob.nextOfType("chat").get("content").asText(), "it was not posted again");
        assertEquals(ChatClient.State.OPEN, alice.state());
    }

    @Test
    void after_a_server_restart_it_resumes_every_room_and_hands_on_each_message_once() throws Exception {
        int port = AppRequests.freePort();
        var environment = Map.of("PORT", Integer.toString(port), "STORE", "sqlite");
        var first = ChatApplication.start(apps.config(environment));
        BlockingQueue<Frame> chats = new LinkedBlockingQueue<>();
        var alice = client(port, "alice").on("chat", chats::add);
        alice.connect().get(10, TimeUnit.SECONDS);
        alice.subscribe("ops").get(10, TimeUnit.SECONDS);
        alice.send("dev", "before").get(10, TimeUnit.SECONDS);
        assertEquals("before", chats.poll(10, TimeUnit.SECONDS).string("content"));
        first.stop();

        var again = ChatApplication.start(apps.config(environment));
        apps.closedAfter(again::stop);
        var bob = apps.userInDev(port, "bob");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"while you were away\"}");
        bob.send("{\"type\":\"subscribe\",\"room\":\"ops\"}");
        bob.nextOfType("presence");
        bob.send("{\"type\":\"chat\",\"room\":\"ops\",\"content\":\"ops too\"}");

        var seen = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            var chat = chats.poll(30, TimeUnit.SECONDS);
            assertTrue(chat != null, "only " + seen);
            seen.add(chat.room() + ": " + chat.string("content"));
        }
        assertEquals(List.of("dev: while you were away", "ops: ops too"), seen.stream().sorted().toList());
        assertEquals(null, chats.poll(200, TimeUnit.MILLISECONDS), "nothing twice: " + seen);
    }

    @Test
    void the_guide_s_bot_greets_the_room_and_answers_a_ping() throws Exception {
        var app = apps.start(Map.of());
        var bob = apps.userInDev(app.port(), "bob");
        var log = new LinkedBlockingQueue<String>();

        var bot = HelloChat.start(URI.create("ws://127.0.0.1:" + app.port() + "/ws"), log::add);
        apps.closedAfter(bot);
        assertEquals("Hello, dev", bob.nextOfType("chat").get("content").asText());
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"ping\"}");

        assertEquals("ping", bob.nextOfType("chat").get("content").asText());
        assertEquals("pong", bob.nextOfType("chat").get("content").asText());
        assertTrue(log.contains("[OPEN]"), log.toString());
        assertTrue(log.contains("bob: ping"), log.toString());
    }

    private ChatClient client(int port, String user) {
        var client = ChatClient.builder(URI.create("ws://127.0.0.1:" + port + "/ws")).user(user, user).room("dev")
                .backoff(Duration.ofMillis(50), Duration.ofMillis(400)).build();
        apps.closedAfter(client);
        return client;
    }
}
