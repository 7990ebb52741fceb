package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Authenticated;
import dev.chat.domain.protocol.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection is told before its token runs out, and a fresh token for the same user keeps it open. */
class TokenRefreshTest {

    /** Long enough for a loaded machine to connect and send a refresh; short enough to wait for. */
    private static final Duration LIFETIME = Duration.ofSeconds(3);
    private static final Instant LATER = Instant.parse("2099-01-01T00:00:00Z");

    private final RunningServer running = RunningServer.verifying(token -> switch (String.valueOf(token)) {
        case "alice-soon" -> alice(Instant.now().plus(LIFETIME), RoomPatterns.NONE);
        case "alice-later" -> alice(LATER, RoomPatterns.NONE);
        case "alice-in-team" -> alice(Instant.now().plus(LIFETIME), new RoomPatterns(List.of("team")));
        case "bob" -> Checked.accepted(new Authenticated(new Identity("bob", "Bob"), LATER, false, RoomPatterns.NONE));
        default -> Checked.rejected(ErrorCode.TOKEN_INVALID, "the token is not one this server accepts");
    }, ServerSettings.defaults()
            .withTokenGrace(Duration.ofMillis(200))
            .withExpiryWarning(Duration.ofSeconds(60))
            .withPrivateRooms(new RoomPatterns(List.of("team"))));

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_connection_is_warned_before_its_token_runs_out_with_when_and_what_to_send() throws Exception {
        var alice = TestClient.connect(running.port(), "token=alice-soon");

        var warning = alice.nextOfType("expiring");

        var expires = Instant.parse(warning.get("expiresAt").asText());
        assertTrue(expires.isAfter(Instant.now().minus(LIFETIME)), "it is told the token's expiry: " + expires);
        assertEquals("your token expires at " + expires + ": send a refresh with a new token to stay connected",
                warning.get("content").asText());
    }

    @Test
    void a_fresh_token_for_the_same_user_keeps_the_connection_open_past_the_old_expiry() throws Exception {
        var refreshing = TestClient.entered(running.port(), "token=alice-soon");
        var notRefreshing = TestClient.entered(running.port(), "token=alice-soon");

        refreshing.send("{\"type\":\"refresh\",\"token\":\"alice-later\"}");
        assertEquals(LATER.toString(), refreshing.nextOfType("refreshed").get("expiresAt").asText());

        assertEquals(CloseReason.TOKEN_EXPIRED.code(), notRefreshing.awaitClose().code());
        assertFalse(refreshing.isClosed(), "its old expiry has passed, and it is still open");
        refreshing.send("{\"type\":\"chat\",\"content\":\"still here\"}");
        assertEquals("still here", refreshing.nextOfType("chat").get("content").asText());
    }

    @Test
    void a_refresh_with_a_bad_token_or_another_users_is_refused_and_changes_nothing() throws Exception {
        var alice = TestClient.entered(running.port(), "token=alice-soon");

        alice.send("{\"type\":\"refresh\",\"token\":\"forged\"}");
        assertEquals("token_invalid", alice.nextOfType("error").get("code").asText());
        alice.send("{\"type\":\"refresh\",\"token\":\"bob\"}");
        assertEquals("token_wrong_user", alice.nextOfType("error").get("code").asText());

        assertEquals(CloseReason.TOKEN_EXPIRED.code(), alice.awaitClose().code());
    }

    @Test
    void a_fresh_token_without_a_private_room_takes_the_connection_out_of_it() throws Exception {
        var alice = TestClient.entered(running.port(), "token=alice-in-team&room=team");

        alice.send("{\"type\":\"refresh\",\"token\":\"alice-later\"}");

        assertEquals("room_forbidden", alice.nextOfType("error").get("code").asText());
        alice.nextOfType("refreshed");
        alice.send("{\"type\":\"chat\",\"room\":\"team\",\"content\":\"still in?\"}");
        assertEquals("not_in_room", alice.nextOfType("error").get("code").asText());
    }

    private static Checked<Authenticated> alice(Instant expires, RoomPatterns rooms) {
        return Checked.accepted(new Authenticated(new Identity("alice", "Alice"), expires, false, rooms));
    }
}
