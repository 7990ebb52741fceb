package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static final Instant START = Instant.parse("2026-12-02T04:00:00Z");

    @Test
    void a_room_that_took_a_million_ids_a_second_since_the_last_start_is_still_below_the_next_origin() {
        long before = MessageIds.origin(START);
        var uptime = Duration.ofHours(1);

        long lastIdBeforeRestart = before + uptime.toSeconds() * 1_000_000;

        assertEquals(lastIdBeforeRestart, MessageIds.origin(START.plus(uptime)));
        assertTrue(lastIdBeforeRestart < MessageIds.origin(START.plus(uptime).plusMillis(1)));
    }

    @Test
    void origins_stay_exact_in_a_javascript_number_for_two_centuries() {
        assertTrue(MessageIds.origin(Instant.parse("2255-01-01T00:00:00Z")) < (1L << 53));
    }
}
