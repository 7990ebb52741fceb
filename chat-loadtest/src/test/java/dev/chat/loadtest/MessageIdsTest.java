package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void the_highest_id_of_a_frame_is_found_among_several_messages() {
        assertEquals(1764669600123002L, highest("[{\"type\":\"chat\",\"id\":\"1764669600123001\",\"content\":\"a\"},"
                + "{\"type\":\"join\",\"id\":\"1764669600123002\"}]"));
    }

    @Test
    void an_id_written_inside_a_message_s_content_is_not_taken_for_one() {
        assertEquals(41, highest("{\"type\":\"chat\",\"id\":\"41\",\"content\":\"say \\\"id\\\":\\\"99\\\"\"}"));
    }

    @Test
    void the_room_s_last_id_on_entering_counts_as_seen_and_the_last_read_mark_does_not() {
        assertEquals(70, highest("{\"type\":\"presence\",\"room\":\"global\",\"count\":1,\"users\":[],"
                + "\"lastRead\":\"90\",\"unread\":0,\"lastId\":\"70\"}"));
    }

    @Test
    void a_frame_without_an_id_has_none() {
        assertEquals(-1, highest("{\"type\":\"presence\",\"room\":\"global\",\"count\":2}"));
        assertEquals(-1, highest("{\"type\":\"chat\",\"id\":\"4"));
    }

    private static long highest(String frame) {
        var bytes = frame.getBytes(StandardCharsets.UTF_8);
        return MessageIds.highest(bytes, 0, bytes.length);
    }
}
