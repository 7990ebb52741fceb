package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessagePositionTest {

    @Test
    void a_position_goes_out_as_text_and_comes_back_the_same_even_for_a_room_with_dashes() {
        var message = new RoomMessage("team-red", 42,
                Message.chat(new Identity("alice", "Alice"), "hi", Instant.ofEpochMilli(1_764_669_600_123L)));
        var position = MessagePosition.of(message);

        assertEquals("1764669600123-42-team-red", position.wire());
        assertEquals(Checked.accepted(position), MessagePosition.check(position.wire()));
        assertEquals(Instant.ofEpochMilli(1_764_669_600_123L), position.at());
    }

    @Test
    void no_position_is_after_every_message_and_a_bad_one_is_refused() {
        assertEquals(Checked.accepted(MessagePosition.NEWEST), MessagePosition.check(null));
        assertEquals(Checked.accepted(MessagePosition.NEWEST), MessagePosition.check(""));
        for (var bad : new String[] {"yesterday", "12-x-dev", "12-3", "12-3-bad room"}) {
            var refused = assertInstanceOf(Checked.Rejected.class, MessagePosition.check(bad), bad);
            assertEquals(ErrorCode.INVALID_PARAMETER, refused.rejection().code());
        }
    }

    @Test
    void positions_order_by_time_then_room_then_id() {
        var early = new MessagePosition(5, "b", 9);
        var sameTimeRoomA = new MessagePosition(6, "a", 1);
        var sameTimeRoomB = new MessagePosition(6, "b", 1);

        assertTrue(early.compareTo(sameTimeRoomA) < 0);
        assertTrue(sameTimeRoomA.compareTo(sameTimeRoomB) < 0);
        assertTrue(sameTimeRoomB.compareTo(MessagePosition.NEWEST) < 0);
    }
}
