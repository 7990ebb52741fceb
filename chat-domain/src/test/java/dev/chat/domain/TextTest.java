package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void text_is_well_formed_when_every_surrogate_is_half_of_a_pair() {
        assertTrue(Text.isWellFormed("ok \uD83D\uDE00"));
        assertFalse(Text.isWellFormed("lone high \uD83D"));
        assertFalse(Text.isWellFormed("\uDE00 lone low"));
        assertFalse(Text.isWellFormed("reversed \uDE00\uD83D"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice\u202Eetalp", "a\u202Ab", "a\u2066b", "a\u200Fb", "a\u061Cb", "line\nbreak", "bell\u0007",
        "a\u2028b", "half \uD83D"})
    void a_name_with_control_or_reordering_characters_is_not_plain(String name) {
        assertFalse(Text.isPlainName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "Zo\u00eb", "\u05e9\u05e8\u05d4", "\uD83D\uDC68\u200D\uD83D\uDCBB dev", "name with spaces"})
    void names_in_any_script_with_emoji_are_plain(String name) {
        assertTrue(Text.isPlainName(name));
    }
}
