package dev.chat.domain.port.needed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.domain.Availability;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.Checked;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.Request;
import dev.chat.domain.RoomMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the ports the core needs do by default, when nobody plugs anything in, and the values they carry. */
class NeededPortsTest {

    private static final Identity ALICE = new Identity("alice", "Alice");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void with_no_hooks_everyone_is_let_in_as_claimed_and_everything_is_approved_as_it_is() {
        var attempt = new Admissions.Attempt(Optional.of(ALICE), "dev", "10.0.0.7", Map.of("Cookie", "s=1"));
        var chat = new Request.Chat("dev", "hi");

        assertEquals(Checked.accepted(Admissions.Admitted.AS_CLAIMED), Admissions.EVERYONE.decide(attempt));
        assertEquals(Checked.accepted(chat), Approvals.ALL.approve(ALICE, chat));
    }

    @Test
    void what_a_port_is_given_it_keeps_as_given() {
        var headers = new HashMap<>(Map.of("Cookie", "s=1"));
        var rooms = new ArrayList<>(List.of("team-red"));
        var attempt = new Admissions.Attempt(Optional.empty(), "dev", "10.0.0.7", headers);
        var admitted = new Admissions.Admitted(Optional.of(ALICE), rooms, Optional.of(AT));
        headers.clear();
        rooms.clear();

        assertEquals(Map.of("Cookie", "s=1"), attempt.headers());
        assertEquals(List.of("team-red"), admitted.rooms());
        assertThrows(UnsupportedOperationException.class, () -> admitted.rooms().add("x"));
        assertEquals(List.of(ALICE), new Cluster.Entered(Cluster.Change.NONE, 1, new ArrayList<>(List.of(ALICE))).shown());
    }

    @Test
    void with_no_listener_events_go_nowhere_and_each_event_says_when_it_happened() {
        var chat = new ChatEvent.Posted(new RoomMessage("dev", 1, Message.chat(ALICE, "hi", AT)));

        Events.NONE.happened(chat);

        assertEquals(AT, chat.at());
        assertEquals(AT, new ChatEvent.Connected(ALICE, AT).at());
        assertEquals(List.of("ok", "unavailable", "disabled"),
                List.of(Availability.OK.wireName(), Availability.UNAVAILABLE.wireName(), Availability.DISABLED.wireName()));
    }
}
