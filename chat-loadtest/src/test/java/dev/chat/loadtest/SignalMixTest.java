package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalMixTest {

    private final List<String> sent = new ArrayList<>();

    @Test
    void each_open_client_types_once_an_interval_spread_evenly_at_the_pace_of_those_open_now() {
        var mix = SignalMix.typing(1000);
        var open = new ArrayList<>(List.of(client(0, null)));

        mix.due(0, open, (client, frame) -> sent.add(client.index + " " + frame));
        for (int i = 1; i < 10; i++) {
            open.add(client(i, "room-1"));
        }
        mix.due(1, open, (client, frame) -> sent.add(client.index + " " + frame));
        mix.due(1000, open, (client, frame) -> sent.add(client.index + " " + frame));

        assertEquals("0 {\"type\":\"typing\"}", sent.getFirst(), "in the server's default room, no room named");
        assertEquals("1 {\"type\":\"typing\",\"room\":\"room-1\"}", sent.get(1),
                "the next, at once: nine more clients opened since");
        assertEquals(11, sent.size(), "then one every 100 ns, ten clients over 1000 ns");
    }

    @Test
    void the_reading_mix_marks_a_room_read_up_to_the_last_id_seen_and_a_client_that_saw_none_skips_its_turn() {
        SignalMix.reading(1000).due(0, List.of(client(0, "room-1")), (client, frame) -> sent.add(frame));

        assertEquals(List.of(), sent);
        assertEquals("{\"type\":\"read\",\"room\":\"room-1\",\"id\":\"42\"}", SignalMix.read("room-1", 42));
        assertEquals("{\"type\":\"read\",\"id\":\"42\"}", SignalMix.read(null, 42), "the default room is its only one");
    }

    private static WsClient client(int index, String room) {
        return new WsClient(index, 0, null, URI.create("ws://127.0.0.1:1/ws"), room);
    }
}
