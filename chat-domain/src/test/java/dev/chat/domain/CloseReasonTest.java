package dev.chat.domain;

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
}
