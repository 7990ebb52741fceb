package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTest {

    private record Found(int phase, int sender, int sequence, long sentNanos) {}

    private final List<Found> found = new ArrayList<>();
    private final Probe.Sink sink = (phase, sender, sequence, sentNanos) ->
            found.add(new Found(phase, sender, sequence, sentNanos));

    @Test
    void a_probe_is_read_from_the_servers_json_whatever_fields_surround_it() {
        var json = "{\"type\":\"chat\",\"userId\":\"lt-3\",\"content\":\"" + Probe.content(2, 3, 41, 123456789L)
                + "\",\"timestamp\":\"2026-11-26T10:30:00.123Z\"}";

        assertEquals(1, scan(json));
        assertEquals(List.of(new Found(2, 3, 41, 123456789L)), found);
    }

    @Test
    void several_probes_packed_into_one_frame_are_all_read() {
        var packed = "{\"content\":\"lt 1 0 5 100\"}\n{\"content\":\"lt 1 1 6 200\"}";

        assertEquals(2, scan(packed));
        assertEquals(List.of(new Found(1, 0, 5, 100), new Found(1, 1, 6, 200)), found);
    }

    @Test
    void messages_that_are_not_probes_are_not_counted() {
        assertEquals(0, scan("{\"type\":\"join\",\"content\":\"load7 joined\"}"));
        assertEquals(0, scan("{\"type\":\"chat\",\"content\":\"lt 1 2 three 4\"}"));
        assertEquals(0, scan("{\"content\":\"lt 1 2"));
    }

    private int scan(String text) {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        return Probe.scan(bytes, 0, bytes.length, sink);
    }
}
