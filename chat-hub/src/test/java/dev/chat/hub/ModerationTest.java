package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static dev.chat.hub.OperationsTest.accepted;
import static dev.chat.hub.OperationsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.protocol.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bans and mutes as the hub enforces them: on the connections there are, the ones that come, and every post. */
class ModerationTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Identity BOB = new Identity("bob", "Bob");

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemorySanctions kept = new InMemorySanctions();
    private Hub hub = hub(kept);
    private final RecordingConnection alice = new RecordingConnection();
    private final RecordingConnection bob = new RecordingConnection();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void a_ban_closes_the_user_s_connections_at_once_bars_new_ones_and_is_kept() throws Exception {
        hub.connect(ALICE, alice);
        alice.next(2);
        hub.connect(BOB, bob);
        bob.next(3);
        alice.next();

        var ban = accepted(hub.sanction("bob", Sanction.Kind.BAN, Optional.empty(), "spam"));

        assertEquals("banned", field(bob.next(), "code"));
        assertEquals(CloseReason.BANNED, bob.awaitClosed());
        assertEquals("leave", field(alice.next(), "type"));
        assertEquals(Optional.of(ban.rejection()), hub.barred("bob"));
        assertEquals(List.of(ban), kept.all());
        var again = new RecordingConnection();
        hub.connect(BOB, again);
        assertEquals("you are banned: spam", field(again.next(), "message"), "one that got past the transport");
        assertEquals(CloseReason.BANNED, again.awaitClosed());
    }

    @Test
    void a_ban_ends_when_lifted_or_when_its_time_is_up() throws Exception {
        accepted(hub.sanction("bob", Sanction.Kind.BAN, Optional.empty(), ""));
        accepted(hub.sanction("carol", Sanction.Kind.BAN, Optional.of(clock.instant().plusSeconds(60)), ""));
        accepted(hub.lift("bob", Sanction.Kind.BAN));
        clock.advance(Duration.ofSeconds(60));

        assertEquals(Optional.empty(), hub.barred("bob"));
        assertEquals(Optional.empty(), hub.barred("carol"));
        assertEquals(List.of("carol"), kept.all().stream().map(Sanction::userId).toList(), "run out, not lifted");
    }

    @Test
    void a_muted_user_stays_but_every_post_is_refused_and_only_the_muted_user_is_told() throws Exception {
        var aliceClient = hub.connect(ALICE, alice);
        alice.next(2);
        var bobClient = hub.connect(BOB, bob);
        bob.next(3);
        alice.next();
        accepted(hub.sanction("bob", Sanction.Kind.MUTE, Optional.empty(), "cool down"));

        bobClient.post(ClientMessage.chat("let me talk"));
        bobClient.post(new ClientMessage("typing", null, null, null, null));
        bobClient.post(new ClientMessage("direct", "psst", null, "alice", null));
        aliceClient.post(ClientMessage.chat("after"));

        assertEquals("muted", field(bob.next(), "code"));
        assertEquals("muted", field(bob.next(), "code"));
        assertEquals("after", field(bob.next(), "content"), "typing went nowhere, and told nothing");
        assertEquals("after", field(alice.next(), "content"), "alice heard nothing of bob");
        accepted(hub.lift("bob", Sanction.Kind.MUTE));
        bobClient.post(ClientMessage.chat("thanks"));
        assertEquals("thanks", field(alice.next(), "content"));
    }

    @Test
    void a_sanction_with_a_bad_reason_an_end_gone_by_or_a_store_that_fails_changes_nothing() throws Exception {
        hub.close();
        hub = hub(new FailingSanctions());

        assertEquals(ErrorCode.INVALID_PARAMETER,
                refused(hub.sanction("bob", Sanction.Kind.BAN, Optional.empty(), "line\nbreak")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER,
                refused(hub.sanction("bob", Sanction.Kind.BAN, Optional.of(clock.instant()), "")).code());
        assertEquals(ErrorCode.SERVER_BUSY, refused(hub.sanction("bob", Sanction.Kind.BAN, Optional.empty(), "")).code());
        assertEquals(ErrorCode.SERVER_BUSY, refused(hub.lift("bob", Sanction.Kind.BAN)).code());
        assertEquals(Optional.empty(), hub.barred("bob"));
    }

    @Test
    void the_sanctions_kept_hold_from_the_start() {
        hub.close();
        kept.impose(new Sanction("bob", Sanction.Kind.BAN, Optional.empty(), "", clock.instant()));

        hub = hub(kept);

        assertTrue(hub.barred("bob").isPresent());
    }

    private Hub hub(Sanctions sanctions) {
        return new Hub(HubSettings.defaults().withClock(clock).withSanctions(sanctions), new InMemoryMessageStore())
                .start();
    }

    private static final class FailingSanctions implements Sanctions {

        @Override
        public List<Sanction> all() {
            return List.of();
        }

        @Override
        public void impose(Sanction sanction) {
            throw new IllegalStateException("the disk is full");
        }

        @Override
        public void lift(String userId, Sanction.Kind kind) {
            throw new IllegalStateException("the disk is full");
        }
    }
}
