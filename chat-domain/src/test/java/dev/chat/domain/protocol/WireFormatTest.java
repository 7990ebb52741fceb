package dev.chat.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.Message;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import java.time.Instant;
import java.util.List;
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
    void a_message_for_its_sender_carries_its_nonce_last() {
        var chat = new RoomMessage("dev", 7, Message.chat(new Identity("alice", "Alice"), "hi", NOW));

        assertEquals("{\"type\":\"chat\",\"room\":\"dev\",\"id\":\"7\",\"userId\":\"alice\",\"username\":\"Alice\","
                + "\"content\":\"hi\",\"timestamp\":\"2025-12-30T10:30:00Z\",\"nonce\":\"n-\\\"1\"}",
                WireFormat.encode(chat, new Nonce("n-\"1")).text());
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

    @Test
    void a_room_message_carries_its_room_and_id_after_the_type() {
        var message = Message.chat(new Identity("u1", "Alice"), "hi", NOW);

        assertEquals("""
                {"type":"chat","room":"dev","id":"42","userId":"u1","username":"Alice","content":"hi","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(new RoomMessage("dev", 42, message)).text());
    }

    @Test
    void a_direct_message_names_its_recipient_after_the_author() {
        var message = Message.direct(new Identity("u1", "Alice"), "psst", NOW);

        assertEquals("""
                {"type":"direct","userId":"u1","username":"Alice","to":"bob","content":"psst","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(new DirectMessage("bob", message)).text());
    }

    @Test
    void presence_counts_every_user_lists_some_and_says_whether_a_resume_recovered() {
        var users = List.of(new Identity("u1", "Alice"), new Identity("u2", "Bob"));

        assertEquals("""
                {"type":"presence","room":"dev","count":3,"users":[{"userId":"u1","username":"Alice"},{"userId":"u2","username":"Bob"}]}""",
                WireFormat.presence("dev", 3, users, null).text());
        assertEquals("""
                {"type":"presence","room":"dev","count":0,"users":[],"recovered":false}""",
                WireFormat.presence("dev", 0, List.of(), false).text());
    }

    @Test
    void a_message_to_everyone_names_no_room() {
        assertEquals("""
                {"type":"system","userId":"","username":"","content":"bye","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(Message.system("bye", NOW)).text());
    }

    private static String contentOf(String content) {
        var json = WireFormat.encode(Message.chat(new Identity("u1", "Alice"), content, NOW)).text();
        var start = json.indexOf("\"content\":\"") + "\"content\":\"".length();
        return json.substring(start, json.indexOf("\",\"timestamp\""));
    }

    @Test
    void an_edit_a_deletion_and_a_reaction_name_their_target_and_a_deletion_carries_no_text() {
        var alice = new Identity("alice", "Alice");
        assertEquals("""
                {"type":"edit","room":"dev","id":"57","target":"42","userId":"alice","username":"Alice","content":"fixed","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(new RoomMessage("dev", 57, Message.edit(alice, 42, "fixed", NOW))).text());
        assertEquals("""
                {"type":"delete","room":"dev","id":"58","target":"42","userId":"alice","username":"Alice","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(new RoomMessage("dev", 58, Message.delete(alice, 42, NOW))).text());
        assertEquals("""
                {"type":"reaction","room":"dev","id":"59","target":"42","userId":"alice","username":"Alice","emoji":":+1:","op":"add","timestamp":"2025-12-30T10:30:00Z"}""",
                WireFormat.encode(new RoomMessage("dev", 59, Message.reaction(alice, 42, ":+1:", true, NOW))).text());
        assertEquals("remove", WireFormat.encode(new RoomMessage("dev", 60, Message.reaction(alice, 42, ":+1:", false, NOW)))
                .text().replaceAll(".*\"op\":\"(\\w+)\".*", "$1"));
    }

    @Test
    void a_changed_chat_says_when_it_was_edited_and_its_reaction_counts_and_a_deleted_one_has_no_content() {
        var chat = new RoomMessage("dev", 42, Message.chat(new Identity("alice", "Alice"), "fixed", NOW));
        var edited = chat.amendedBy(101, Message.edit(new Identity("alice", "Alice"), 42, "fixed \"again\"", NOW.plusSeconds(60)))
                .amendedBy(102, Message.reaction(new Identity("bob", "Bob"), 42, "\"", true, NOW))
                .amendedBy(103, Message.reaction(new Identity("carol", "Carol"), 42, "\"", true, NOW));

        assertEquals("""
                {"type":"chat","room":"dev","id":"42","userId":"alice","username":"Alice","content":"fixed \\"again\\"","timestamp":"2025-12-30T10:30:00Z","editedAt":"2025-12-30T10:31:00Z","reactions":{"\\"":2},"revision":"103"}""",
                WireFormat.encode(edited).text());
        assertEquals("""
                {"type":"chat","room":"dev","id":"42","userId":"alice","username":"Alice","timestamp":"2025-12-30T10:30:00Z","deleted":true,"revision":"104"}""",
                WireFormat.encode(edited.amendedBy(104, Message.delete(new Identity("alice", "Alice"), 42, NOW))).text());
    }

    @Test
    void a_read_receipt_names_its_room_user_and_id_and_a_presence_may_say_how_far_its_user_has_read() {
        assertEquals("""
                {"type":"read","room":"dev","userId":"bob","id":"42"}""", WireFormat.read("dev", "bob", 42).text());
        assertEquals("""
                {"type":"presence","room":"dev","count":0,"users":[],"lastRead":"41","unread":3,"lastId":"44"}""",
                WireFormat.presence("dev", 0, List.of(), null, new WireFormat.Reading(41, 3, 44)).text());
    }
}
