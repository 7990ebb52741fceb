package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void a_line_break_in_client_text_cannot_start_a_new_log_line() {
        assertEquals("mallory\\u000d\\u000a2026 [ERROR] Main - forged",
                Text.loggable("mallory\r\n2026 [ERROR] Main - forged"));
        assertEquals("tab\\u0009nul\\u0000sep\\u2028", Text.loggable("tab\tnul\u0000sep\u2028"));
    }

    @Test
    void ordinary_text_and_emoji_are_logged_as_they_are() {
        assertEquals("Zo\u00eb \uD83D\uDE00 #general", Text.loggable("Zo\u00eb \uD83D\uDE00 #general"));
        assertEquals("null", Text.loggable(null));
    }

    @Test
    void lengths_count_characters_not_bytes() {
        assertEquals(1, Text.length("\uD83D\uDE00"));
    }
}
