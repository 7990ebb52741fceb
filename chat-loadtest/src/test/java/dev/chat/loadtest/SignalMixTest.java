package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypingMixTest {

    private final List<String> sent = new ArrayList<>();

    @Test
    void each_open_client_types_once_an_interval_spread_evenly_at_the_pace_of_those_open_now() {
        var mix = new TypingMix(1000);
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

    private static WsClient client(int index, String room) {
        return new WsClient(index, 0, null, URI.create("ws://127.0.0.1:1/ws"), room);
    }
}
