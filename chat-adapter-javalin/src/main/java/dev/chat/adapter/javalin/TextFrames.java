package dev.chat.adapter.javalin;

import dev.chat.domain.protocol.EncodedMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames as the server writes them (RFC 6455, section 5.2): final, unmasked, so a message's frame is the
 * same bytes for every recipient. A header is two bytes for a payload under 126 bytes, four under 64 KiB, ten above.
 */
final class TextFrames {

    private static final int FINAL = 0x80;
    private static final int TEXT = 0x1;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int CLOSE = 0x8;
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private TextFrames() {}

    /** The bytes of the message's frame, header included. */
    static int length(EncodedMessage message) {
        return headerLength(message.size()) + message.size();
    }

    /** Puts the message's whole frame into {@code target}, which must have {@link #length} bytes left. */
    static void put(EncodedMessage message, ByteBuffer target) {
        putHeader(TEXT, message.size(), target);
        message.writeTo(target);
    }

    /** The header of the message's frame alone, ready to be written before its payload. */
    static ByteBuffer header(EncodedMessage message) {
        var header = ByteBuffer.allocate(headerLength(message.size()));
        putHeader(TEXT, message.size(), header);
        return header.flip();
    }

    static ByteBuffer ping() {
        return control(PING, new byte[0]);
    }

    /** A pong carries the ping's payload back, at most 125 bytes as the RFC allows a control frame. */
    static ByteBuffer pong(ByteBuffer pingPayload) {
        var payload = new byte[Math.min(pingPayload.remaining(), 125)];
        pingPayload.slice().get(payload);
        return control(PONG, payload);
    }

    /** A close frame: the code, then as much of the reason as fits the 125 bytes of a control frame. */
    static ByteBuffer close(int code, String reason) {
        var text = reason.getBytes(StandardCharsets.UTF_8);
        var payload = ByteBuffer.allocate(2 + Math.min(text.length, MAX_CLOSE_REASON_BYTES)).putShort((short) code);
        return control(CLOSE, payload.put(text, 0, payload.remaining()).array());
    }

    private static ByteBuffer control(int opcode, byte[] payload) {
        var frame = ByteBuffer.allocate(2 + payload.length);
        putHeader(opcode, payload.length, frame);
        return frame.put(payload).flip();
    }

    private static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
    }

    private static void putHeader(int opcode, int payloadLength, ByteBuffer target) {
        target.put((byte) (FINAL | opcode));
        if (payloadLength < 126) {
            target.put((byte) payloadLength);
        } else if (payloadLength < 65_536) {
            target.put((byte) 126).putShort((short) payloadLength);
        } else {
            target.put((byte) 127).putLong(payloadLength);
        }
    }
}
