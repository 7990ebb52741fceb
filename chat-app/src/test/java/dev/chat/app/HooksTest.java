package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.httpclient.FakeBackend;
import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.javalin.TestClient;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hooks through the path a user takes: a real server calls a real HTTP server playing the product's backend,
 * which logs users in by their cookie, grants rooms, and refuses or rewrites what they post, or is too slow to answer.
 */
class HooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestApps apps = new TestApps();
    private final FakeBackend backend = new FakeBackend();

    HooksTest() throws Exception {}

    @AfterEach
    void stopTheBackend() {
        backend.close();
    }

    @Test
    void the_connect_hook_logs_users_in_with_the_app_s_own_session_cookie_and_grants_private_rooms() throws Exception {
        backend.answering(request -> request.body().contains("session=alice-s3ssion")
                ? FakeBackend.Answer.json("{\"allow\":true,\"userId\":\"u-1\",\"username\":\"Alice\","
                        + "\"rooms\":[\"team-*\"]}")
                : FakeBackend.Answer.json("{\"allow\":false,\"reason\":\"log in first\"}"));
        var app = apps.start(Map.of("HOOK_CONNECT_URL", backend.url("/connect").toString(),
                "HOOK_FORWARD_HEADERS", "Cookie", "PRIVATE_ROOMS", "team-*"));

        var alice = TestClient.connect(app.port(), "room=team-red", Map.of("Cookie", "session=alice-s3ssion"));
        apps.closedAfter(alice);
        var presence = alice.nextOfType("presence");
        var stranger = RawSocket.refusedUpgrade(app.port(), "room=team-red", Map.of("Cookie", "session=forged"));

        assertEquals("team-red", presence.get("room").asText());
        assertEquals("u-1", presence.get("users").get(0).get("userId").asText(), "who the backend says, not a claim");
        assertEquals(403, stranger.status());
        assertEquals("hook_refused", JSON.readTree(stranger.body()).get("code").asText());
        assertEquals("log in first", JSON.readTree(stranger.body()).get("message").asText());
    }

    @Test
    void the_publish_hook_rewrites_or_refuses_and_the_subscribe_hook_keeps_a_member_out_of_a_room() throws Exception {
        backend.answering(request -> switch (request.path()) {
            case "/publish" -> request.body().contains("buy now")
                    ? FakeBackend.Answer.json("{\"allow\":false,\"reason\":\"no ads\"}")
                    : FakeBackend.Answer.json("{\"allow\":true,\"content\":\""
                            + request.body().replaceAll(".*\"content\":\"([^\"]*)\".*", "$1").replace("darn", "d**n")
                            + "\"}");
            case "/subscribe" -> FakeBackend.Answer.json(request.body().contains("\"room\":\"secret\"")
                    ? "{\"allow\":false,\"reason\":\"not for you\"}" : "{\"allow\":true}");
            default -> FakeBackend.Answer.status(404);
        });
        var app = apps.start(Map.of("HOOK_PUBLISH_URL", backend.url("/publish").toString(),
                "HOOK_SUBSCRIBE_URL", backend.url("/subscribe").toString()));
        var alice = apps.userInDev(app.port(), "alice");
        var bob = apps.userInDev(app.port(), "bob");
        alice.nextJoinOf("bob");

        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"buy now\"}");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"darn it\"}");
        bob.send("{\"type\":\"subscribe\",\"room\":\"secret\"}");

        assertEquals("no ads", bob.nextOfType("error").get("message").asText());
        assertEquals("d**n it", alice.nextOfType("chat").get("content").asText(), "the first never reached alice");
        var kept = bob.nextOfType("error");
        assertEquals("hook_refused", kept.get("code").asText());
        assertEquals("not for you", kept.get("message").asText());
    }

    @Test
    void a_publish_hook_too_slow_delays_only_the_connection_it_is_about_and_its_sender_is_told() throws Exception {
        var held = new CountDownLatch(1);
        backend.answering(request -> request.body().contains("slow")
                ? new FakeBackend.Answer(200, "{\"allow\":true}".getBytes(), Map.of(), held)
                : FakeBackend.Answer.json("{\"allow\":true}"));
        var app = apps.start(Map.of("HOOK_PUBLISH_URL", backend.url("/publish").toString(), "HOOK_TIMEOUT", "500ms"));
        var alice = apps.userInDev(app.port(), "alice");
        var bob = apps.userInDev(app.port(), "bob");
        alice.nextJoinOf("bob");

        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"slow one\"}");
        alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"meanwhile\"}");

        assertEquals("meanwhile", bob.nextOfType("chat").get("content").asText(), "the hub went on for everyone else");
        assertEquals("hook_unavailable", bob.nextOfType("error").get("code").asText());
        held.countDown();
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"quick one\"}");
        assertEquals("meanwhile", alice.nextOfType("chat").get("content").asText());
        assertEquals("quick one", alice.nextOfType("chat").get("content").asText(), "the slow one was never posted");
        assertTrue(backend.received.stream().anyMatch(request -> request.body().contains("slow one")));
    }
}
