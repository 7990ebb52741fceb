package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FramesTest {

    private record Seen(int opcode, String payload) {}

    private final List<Seen> seen = new ArrayList<>();
    private final Frames.Handler record = (opcode, bytes, from, to) ->
            seen.add(new Seen(opcode, new String(bytes, from, to - from, StandardCharsets.UTF_8)));

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65_535, 65_536})
    void a_client_frame_is_masked_and_unmasks_to_its_payload_whatever_its_length(int length) {
        var payload = "x".repeat(length).getBytes(StandardCharsets.UTF_8);

        var frame = Frames.masked(Frames.TEXT, payload);

        assertEquals(0x81, frame.get(0) & 0xFF, "final text frame");
        assertEquals(0x80, frame.get(1) & 0x80, "masked");
        assertArrayEquals(payload, unmask(frame));
    }

    @Test
    void complete_server_frames_are_handed_over_in_order() throws Frames.ProtocolException {
        var bytes = concat(serverFrame(Frames.TEXT, "one"), serverFrame(Frames.PING, ""), serverFrame(Frames.TEXT, "two"));

        int consumed = Frames.parse(bytes, 0, bytes.length, 1 << 20, record);

        assertEquals(bytes.length, consumed);
        assertEquals(List.of(new Seen(Frames.TEXT, "one"), new Seen(Frames.PING, ""), new Seen(Frames.TEXT, "two")), seen);
    }

    @Test
    void an_incomplete_frame_is_left_for_the_next_read() throws Frames.ProtocolException {
        var whole = serverFrame(Frames.TEXT, "a".repeat(300));
        var bytes = concat(serverFrame(Frames.TEXT, "first"), java.util.Arrays.copyOf(whole, 150));

        int consumed = Frames.parse(bytes, 0, bytes.length, 1 << 20, record);

        assertEquals(serverFrame(Frames.TEXT, "first").length, consumed);
        assertEquals(List.of(new Seen(Frames.TEXT, "first")), seen);
    }

    @Test
    void two_and_eight_byte_lengths_are_read() throws Frames.ProtocolException {
        var bytes = concat(serverFrame(Frames.TEXT, "b".repeat(200)), serverFrame(Frames.TEXT, "c".repeat(70_000)));

        Frames.parse(bytes, 0, bytes.length, 1 << 20, record);

        assertEquals(200, seen.get(0).payload().length());
        assertEquals(70_000, seen.get(1).payload().length());
    }

    @Test
    void a_masked_fragmented_or_oversized_server_frame_is_a_protocol_error() {
        var masked = Frames.masked(Frames.TEXT, "hi".getBytes(StandardCharsets.UTF_8)).array();
        var fragment = serverFrame(Frames.TEXT, "part");
        fragment[0] &= 0x7F;
        var big = serverFrame(Frames.TEXT, "d".repeat(1000));

        assertThrows(Frames.ProtocolException.class, () -> Frames.parse(masked, 0, masked.length, 1 << 20, record));
        assertThrows(Frames.ProtocolException.class, () -> Frames.parse(fragment, 0, fragment.length, 1 << 20, record));
        assertThrows(Frames.ProtocolException.class, () -> Frames.parse(big, 0, big.length, 999, record));
    }

    static byte[] serverFrame(int opcode, String text) {
        var payload = text.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (payload.length <= 125) {
            out.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] unmask(ByteBuffer frame) {
        int lengthCode = frame.get(1) & 0x7F;
        int headerEnd = lengthCode <= 125 ? 2 : lengthCode == 126 ? 4 : 10;
        var mask = new byte[4];
        frame.get(headerEnd, mask);
        var payload = new byte[frame.limit() - headerEnd - 4];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (frame.get(headerEnd + 4 + i) ^ mask[i & 3]);
        }
        return payload;
    }
}
