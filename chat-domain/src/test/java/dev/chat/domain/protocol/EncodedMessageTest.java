package dev.chat.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class EncodedMessageTest {

    private final EncodedMessage message = EncodedMessage.of("{\"content\":\"h\u00e9 \uD83D\uDE00\"}");

    @Test
    void the_text_is_encoded_once_as_utf8() {
        assertEquals("{\"content\":\"h\u00e9 \uD83D\uDE00\"}", message.text());
        assertEquals(22, message.bytes().remaining(), "\u00e9 takes two bytes and the emoji four");
    }

    @Test
    void every_recipient_gets_its_own_read_only_view_of_the_same_bytes() {
        var first = message.bytes();
        first.get();

        var second = message.bytes();

        assertEquals(0, second.position(), "reading one view does not move another");
        assertTrue(second.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> second.put(0, (byte) 'x'));
    }

    @Test
    void messages_with_the_same_text_are_equal() {
        assertEquals(EncodedMessage.of("{}"), EncodedMessage.of("{}"));
        assertEquals(EncodedMessage.of("{}").hashCode(), EncodedMessage.of("{}").hashCode());
        assertNotEquals(EncodedMessage.of("{}"), EncodedMessage.of("[]"));
        assertEquals("{}", EncodedMessage.of("{}").toString());
    }
}
