package dev.chat.loadtest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** The WebSocket framing a client needs (RFC 6455): masked frames out, unmasked frames in. */
final class Frames {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Called for each complete frame the server sent; the payload is {@code bytes[from, to)}. */
    interface Handler {
        void frame(int opcode, byte[] bytes, int from, int to);
    }

    private Frames() {}

    static ByteBuffer text(String text) {
        return masked(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuffer close(int code) {
        return masked(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    static ByteBuffer pong(byte[] bytes, int from, int to) {
        var payload = new byte[to - from];
        System.arraycopy(bytes, from, payload, 0, payload.length);
        return masked(PONG, payload);
    }

    /** A final frame with a random mask, ready to write. */
    static ByteBuffer masked(int opcode, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        var frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (lengthBytes == 0) {
            frame.put((byte) (0x80 | length));
        } else if (lengthBytes == 2) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        return frame.flip();
    }

    /**
     * Hands every complete frame in {@code bytes[from, to)} to the handler.
     *
     * @return where the first incomplete frame starts, {@code to} if there is none
     * @throws ProtocolException if a frame is masked, fragmented or longer than {@code maxFrame}
     */
    static int parse(byte[] bytes, int from, int to, int maxFrame, Handler handler) throws ProtocolException {
        int at = from;
        while (to - at >= 2) {
            int first = bytes[at] & 0xFF;
            int second = bytes[at + 1] & 0xFF;
            if ((second & 0x80) != 0) {
                throw new ProtocolException("the server sent a masked frame");
            }
            if ((first & 0x80) == 0 || (first & 0x0F) == 0) {
                throw new ProtocolException("the server sent a fragmented message, which this tester does not read");
            }
            int header = 2;
            long length = second & 0x7F;
            if (length == 126) {
                if (to - at < 4) {
                    break;
                }
                length = (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
                header = 4;
            } else if (length == 127) {
                if (to - at < 10) {
                    break;
                }
                length = ByteBuffer.wrap(bytes, at + 2, 8).getLong();
                header = 10;
            }
            if (length > maxFrame) {
                throw new ProtocolException("the server sent a frame of " + length + " bytes; the limit is " + maxFrame);
            }
            if (to - at < header + length) {
                break;
            }
            handler.frame(first & 0x0F, bytes, at + header, at + header + (int) length);
            at += header + (int) length;
        }
        return at;
    }

    /** A server that does not speak WebSocket as this tester reads it. */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) {
            super(message, null, false, false);
        }
    }
}
