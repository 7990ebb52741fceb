package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Rejection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static final Instant NOW = Instant.parse("2025-12-30T10:30:00Z");

    @Test
    void a_message_has_the_five_fields_of_the_original_protocol_in_order() {
        assertEquals("""
                {"type":"chat","userId":"u1","username":"Alice","content":"Hello world","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(Message.chat(new Identity("u1", "Alice"), "Hello world", NOW)).text());
    }

    @Test
    void quotes_backslashes_and_line_breaks_are_escaped() {
        assertEquals("say \\\"hi\\\" \\\\ then\\nnew line\\r\\ttab", contentOf("say \"hi\" \\ then\nnew line\r\ttab"));
    }

    @Test
    void other_control_characters_and_javascript_line_separators_become_unicode_escapes() {
        assertEquals("\\u0000\\u001f\\u2028\\u2029", contentOf("\u0000\u001f\u2028\u2029"));
    }

    @Test
    void emoji_and_other_non_ascii_text_pass_through_unchanged() {
        assertEquals("h\u00e9llo \uD83D\uDE00 \u4f60\u597d", contentOf("h\u00e9llo \uD83D\uDE00 \u4f60\u597d"));
    }

    @Test
    void a_rejection_is_an_error_with_its_code_and_message() {
        assertEquals("""
                {"type":"error","code":"invalid_json","message":"not \\"json\\""}""",
                WireFormat.encode(new Rejection(ErrorCode.INVALID_JSON, "not \"json\"")).text());
    }

    private static String contentOf(String content) {
        var json = WireFormat.encode(Message.chat(new Identity("u1", "Alice"), content, NOW)).text();
        var start = json.indexOf("\"content\":\"") + "\"content\":\"".length();
        return json.substring(start, json.indexOf("\",\"timestamp\""));
    }
}
