package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.Nonce;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A nonce names its message for the window, for its sender in its room only, and memory stays bounded. */
class NoncesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Nonce N = new Nonce("n-1");

    @Test
    void a_nonce_names_its_message_for_the_window_and_not_a_moment_after() {
        var nonces = new Nonces(Duration.ofMinutes(5), 10);
        nonces.posted("dev", "alice", N, 42, T0);

        assertEquals(OptionalLong.of(42), nonces.idOf("dev", "alice", N, T0.plusSeconds(299)));
        assertEquals(OptionalLong.empty(), nonces.idOf("dev", "alice", N, T0.plusSeconds(300)));
    }

    @Test
    void a_nonce_is_its_sender_s_in_its_room_and_the_first_message_it_named_stays_named() {
        var nonces = new Nonces(Duration.ofMinutes(5), 10);
        nonces.posted("dev", "alice", N, 42, T0);
        nonces.posted("dev", "alice", N, 43, T0);

        assertEquals(OptionalLong.of(42), nonces.idOf("dev", "alice", N, T0));
        assertEquals(OptionalLong.empty(), nonces.idOf("dev", "bob", N, T0));
        assertEquals(OptionalLong.empty(), nonces.idOf("ops", "alice", N, T0));
    }

    @Test
    void past_its_capacity_the_oldest_goes_first_and_a_zero_window_keeps_none() {
        var nonces = new Nonces(Duration.ofMinutes(5), 2);
        for (int i = 1; i <= 3; i++) {
            nonces.posted("dev", "alice", new Nonce("n-" + i), i, T0);
        }
        var none = new Nonces(Duration.ZERO, 2);
        none.posted("dev", "alice", N, 1, T0);

        assertEquals(OptionalLong.empty(), nonces.idOf("dev", "alice", new Nonce("n-1"), T0));
        assertEquals(OptionalLong.of(3), nonces.idOf("dev", "alice", new Nonce("n-3"), T0));
        assertEquals(OptionalLong.empty(), none.idOf("dev", "alice", N, T0));
    }
}
