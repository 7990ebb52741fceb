package dev.chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library's own JSON, frames, cursor and backoff: what it needs of each, and no more. */
class JsonTest {

    @Test
    void every_json_value_is_read_objects_in_their_order() {
        var read = Json.parse(" {\"a\":\"x\\\"y\\u00e9\\n\",\"b\":[1,2.5,-3e2,true,false,null],\"c\":{}} ");

        assertEquals(Map.of("a", "x\"y\u00e9\n", "b", java.util.Arrays.asList(1L, 2.5, -300.0, true, false, null),
                "c", Map.of()), read);
        assertEquals(List.of("a", "b", "c"), List.copyOf(((Map<?, ?>) read).keySet()));
    }

    @Test
    void anything_that_is_not_exactly_one_json_value_is_refused() {
        for (var text : List.of("", "{", "{\"a\"}", "[1,]", "\"open", "{} {}", "tru", "{\"a\":\"\\q\"}", "-")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
        }
    }

    @Test
    void a_flat_object_is_written_escaped_and_without_its_null_fields() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("type", "chat");
        fields.put("room", null);
        fields.put("content", "a \"quote\", a \\ and a\nline\u0001\u2028");

        var written = Json.object(fields);

        assertEquals("{\"type\":\"chat\",\"content\":\"a \\\"quote\\\", a \\\\ and a\\nline\\u0001\\u2028\"}", written);
        assertEquals(Map.of("type", "chat", "content", fields.get("content")), Json.parse(written));
    }

    @Test
    void a_frame_reads_its_fields_and_only_an_object_is_one() {
        var frame = Frame.parse("{\"type\":\"chat\",\"room\":\"dev\",\"id\":\"7\",\"count\":3}");

        assertEquals("chat", frame.type());
        assertEquals("dev", frame.room());
        assertEquals("7", frame.id());
        assertEquals(null, frame.string("count"), "not a string");
        assertEquals(3L, frame.field("count").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> Frame.parse("[1]"));
    }

    @Test
    void the_cursor_hands_on_each_id_once_per_room() {
        var cursor = new Cursor();

        assertEquals(true, cursor.advance("dev", "5"));
        assertEquals(false, cursor.advance("dev", "5"));
        assertEquals(false, cursor.advance("dev", "4"));
        assertEquals(true, cursor.advance("ops", "4"));
        assertEquals(5, cursor.since("dev"));
        cursor.forget("dev");
        assertEquals(0, cursor.since("dev"));
    }

    @Test
    void backoff_is_full_jitter_up_to_the_cap() {
        var highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), () -> 0.999_999);

        assertEquals(499, highest.wait(0).toMillis());
        assertEquals(3_999, highest.wait(3).toMillis());
        assertEquals(14_999, highest.wait(40).toMillis());
        assertEquals(0, new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), () -> 0).wait(5).toMillis());
    }
}
