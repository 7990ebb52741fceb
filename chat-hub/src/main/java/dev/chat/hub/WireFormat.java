package dev.chat.hub;

import dev.chat.domain.EncodedMessage;
import dev.chat.domain.Message;
import dev.chat.domain.Rejection;

/**
 * Encodes what the hub sends as the JSON text clients read. Encoding happens once per message, on the loop, and
 * every recipient gets the same bytes.
 *
 * <p>Hand-written rather than a JSON library because the hub's output is a handful of flat objects with string
 * fields, and this keeps the hub free of dependencies for the applications that embed it.
 */
final class WireFormat {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private WireFormat() {}

    static EncodedMessage encode(Message message) {
        return new Builder(96 + message.content().length())
                .field("type", message.type().wireName())
                .field("userId", message.userId())
                .field("username", message.username())
                .field("content", message.content())
                .field("timestamp", message.timestamp().toString())
                .build();
    }

    static EncodedMessage encode(Rejection rejection) {
        return new Builder(64 + rejection.message().length())
                .field("type", "error")
                .field("code", rejection.code().wireCode())
                .field("message", rejection.message())
                .build();
    }

    private static final class Builder {

        private final StringBuilder json;

        Builder(int expectedLength) {
            json = new StringBuilder(expectedLength).append('{');
        }

        Builder field(String name, String value) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(name);
            json.append(':');
            string(value);
            return this;
        }

        EncodedMessage build() {
            return EncodedMessage.of(json.append('}').toString());
        }

        private void string(String value) {
            json.append('"');
            for (int i = 0; i < value.length(); i++) {
                escaped(value.charAt(i));
            }
            json.append('"');
        }

        private void escaped(char c) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                // Control characters are not allowed raw in JSON; U+2028/U+2029 break JavaScript string literals.
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
