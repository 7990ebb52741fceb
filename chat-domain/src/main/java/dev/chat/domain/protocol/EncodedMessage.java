package dev.chat.domain.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One message as its recipients receive it: JSON text, encoded to UTF-8 once and shared by all of them. Immutable:
 * each recipient reads it through a view of its own.
 */
public final class EncodedMessage {

    private final byte[] utf8;

    private EncodedMessage(byte[] utf8) {
        this.utf8 = utf8;
    }

    public static EncodedMessage of(String json) {
        return new EncodedMessage(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A read-only view of the bytes, positioned at the start, for one recipient to consume. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(utf8).asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code target}, which must have {@link #size()} bytes left; allocates nothing. */
    public void writeTo(ByteBuffer target) {
        target.put(utf8);
    }

    /** Its length in UTF-8 bytes: what it costs a client's send queue. */
    public int size() {
        return utf8.length;
    }

    /** The JSON text; decodes the bytes on every call. */
    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedMessage that && Arrays.equals(utf8, that.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return text();
    }
}
