package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Authenticated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Private rooms: only a token that grants one may enter it, post in it, read its history or list its members. */
class RoomPermissionsTest {

    private final RunningServer running = RunningServer.verifying(token -> switch (String.valueOf(token)) {
        case "alice" -> user("alice", RoomPatterns.NONE);
        case "bob-in-team" -> user("bob", new RoomPatterns(List.of("team-*")));
        case "operator" -> Checked.accepted(
                new Authenticated(new Identity("op", "Op"), Instant.MAX, true, RoomPatterns.NONE));
        default -> Checked.rejected(ErrorCode.TOKEN_INVALID, "the token is not one this server accepts");
    }, ServerSettings.defaults().withPrivateRooms(new RoomPatterns(List.of("team-*", "secret"))));

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_private_room_is_refused_at_the_handshake_with_403_unless_the_token_grants_it() throws Exception {
        var refused = RawSocket.refusedUpgrade(running.port(), "token=alice&room=team-red", Map.of());

        assertEquals(403, refused.status(), refused.body());
        assertEquals("{\"type\":\"error\",\"code\":\"room_forbidden\","
                + "\"message\":\"room 'team-red' is private and your token does not grant it\"}", refused.body());
        var granted = TestClient.connect(running.port(), "token=bob-in-team&room=team-red");
        assertEquals("team-red", granted.nextOfType("presence").get("room").asText());
    }

    @Test
    void subscribing_to_a_private_room_without_the_grant_is_an_error_and_public_rooms_stay_open() throws Exception {
        var alice = TestClient.entered(running.port(), "token=alice");

        alice.send("{\"type\":\"subscribe\",\"room\":\"secret\"}");
        assertEquals("room_forbidden", alice.nextOfType("error").get("code").asText());
        alice.send("{\"type\":\"chat\",\"room\":\"secret\",\"content\":\"let me in\"}");
        assertEquals("not_in_room", alice.nextOfType("error").get("code").asText());

        alice.send("{\"type\":\"subscribe\",\"room\":\"lobby\"}");
        assertEquals("lobby", alice.nextOfType("presence").get("room").asText());
    }

    @Test
    void over_http_a_private_rooms_history_and_members_are_for_those_it_is_granted_to() throws Exception {
        var bob = TestClient.entered(running.port(), "token=bob-in-team&room=team-red");
        bob.send("{\"type\":\"chat\",\"content\":\"the launch code is 0000\"}");
        bob.nextOfType("chat");
        TestClient.entered(running.port(), "token=alice&room=lobby");

        for (var path : List.of("/api/rooms/team-red/messages", "/api/rooms/team-red/users")) {
            var refused = running.get(path, "alice");
            assertEquals(403, refused.statusCode(), path);
            assertTrue(refused.body().contains("\"code\":\"room_forbidden\""), refused.body());
            assertFalse(refused.body().contains("launch code"), refused.body());
        }
        assertTrue(running.get("/api/rooms/team-red/messages", "bob-in-team").body().contains("launch code"));
        assertTrue(running.get("/api/rooms/team-red/users", "operator").body().contains("\"userId\":\"bob\""));

        assertFalse(running.get("/api/rooms", "alice").body().contains("team-red"), "alice is not shown the room");
        assertTrue(running.get("/api/rooms", "bob-in-team").body().contains("team-red"));
        assertTrue(running.get("/api/rooms", "operator").body().contains("team-red"), "an operator sees every room");
    }

    private static Checked<Authenticated> user(String id, RoomPatterns rooms) {
        return Checked.accepted(new Authenticated(new Identity(id, id), Instant.MAX, false, rooms));
    }
}
