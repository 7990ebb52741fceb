package dev.chat.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CloseReasonTest {

    @Test
    void shutting_down_uses_the_websocket_going_away_code() {
        assertEquals(1001, CloseReason.GOING_AWAY.code());
        assertEquals("server shutting down", CloseReason.GOING_AWAY.description());
    }

    @Test
    void a_failed_delivery_uses_the_websocket_internal_error_code() {
        assertEquals(1011, CloseReason.SEND_FAILED.code());
    }

    @Test
    void a_client_too_slow_for_its_queue_gets_an_application_code_that_says_what_to_do() {
        assertEquals(4008, CloseReason.TOO_SLOW.code());
        assertEquals("too slow: reconnect and resume with since", CloseReason.TOO_SLOW.description());
    }
}
