package dev.chat.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.MessageType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameTypeTest {

    @Test
    void every_type_goes_on_the_wire_in_lower_case_and_is_read_back_from_it() {
        for (var type : FrameType.values()) {
            assertEquals(type, FrameType.fromWireName(type.wireName()).orElseThrow());
        }
        assertEquals("chat", FrameType.CHAT.wireName());
        assertEquals(Optional.empty(), FrameType.fromWireName("CHAT"));
    }

    @Test
    void every_kind_of_message_goes_out_in_the_frame_of_its_name_and_both_kinds_of_reaction_as_reaction() {
        for (var type : MessageType.values()) {
            var expected = type == MessageType.REACT || type == MessageType.UNREACT ? "REACTION" : type.name();
            assertEquals(expected, FrameType.of(type).name());
        }
    }

    @Test
    void clients_may_send_chats_directs_and_subscriptions_only() {
        assertTrue(FrameType.CHAT.clientMaySend() && FrameType.DIRECT.clientMaySend()
                && FrameType.SUBSCRIBE.clientMaySend() && FrameType.UNSUBSCRIBE.clientMaySend());
        for (var serverOnly : new FrameType[] {FrameType.SYSTEM, FrameType.JOIN, FrameType.LEAVE,
                FrameType.PRESENCE, FrameType.ERROR}) {
            assertFalse(serverOnly.clientMaySend(), serverOnly.name());
        }
    }
}
