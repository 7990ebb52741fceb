package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final Instant NOW = Instant.parse("2025-12-30T10:30:00Z");
    private static final Identity ALICE = new Identity("user123", "Alice");

    @Test
    void a_chat_message_carries_its_author_and_the_time_it_was_accepted() {
        assertEquals(new Message(MessageType.CHAT, "user123", "Alice", "Hello world", NOW),
                Message.chat(ALICE, "Hello world", NOW));
    }

    @Test
    void join_and_leave_name_the_user_they_are_about() {
        assertEquals(new Message(MessageType.JOIN, "user123", "Alice", "Alice joined", NOW), Message.joined(ALICE, NOW));
        assertEquals(new Message(MessageType.LEAVE, "user123", "Alice", "Alice left", NOW), Message.left(ALICE, NOW));
    }

    @Test
    void a_system_message_has_no_author() {
        assertEquals(new Message(MessageType.SYSTEM, "", "", "maintenance at noon", NOW),
                Message.system("maintenance at noon", NOW));
    }

    @Test
    void a_message_without_a_timestamp_cannot_exist() {
        assertThrows(NullPointerException.class, () -> new Message(MessageType.CHAT, "u", "A", "hi", null));
    }

    @Test
    void error_codes_go_on_the_wire_in_snake_case() {
        assertEquals("content_too_long", ErrorCode.CONTENT_TOO_LONG.wireCode());
    }

    @Test
    void a_room_message_has_an_id_from_one_and_a_direct_message_a_recipient() {
        var message = Message.chat(new Identity("u", "U"), "hi", Instant.EPOCH);

        assertEquals(1, new RoomMessage("global", 1, message).id());
        assertThrows(IllegalArgumentException.class, () -> new RoomMessage("global", 0, message));
        assertEquals("bob", new DirectMessage("bob", Message.direct(new Identity("u", "U"), "hi", Instant.EPOCH)).to());
        assertThrows(NullPointerException.class, () -> new DirectMessage(null, message));
    }

    @Test
    void a_presence_summary_reads_naturally_and_has_no_author() {
        var at = Instant.parse("2026-12-02T10:00:00Z");
        assertEquals("3 joined", Message.presenceSummary(3, 0, at).content());
        assertEquals("2 left", Message.presenceSummary(0, 2, at).content());
        assertEquals("1 joined, 4 left", Message.presenceSummary(1, 4, at).content());
        assertEquals(MessageType.SYSTEM, Message.presenceSummary(1, 4, at).type());
    }
}
