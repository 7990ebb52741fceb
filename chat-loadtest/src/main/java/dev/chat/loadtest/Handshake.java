package dev.chat.loadtest;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** The HTTP upgrade that opens a WebSocket (RFC 6455 section 4), as a client sends and checks it. */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String key;
    private final ByteBuffer request;

    Handshake(URI uri) {
        var nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
        var target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var text = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        this.request = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    ByteBuffer request() {
        return request;
    }

    /** Where the answer's head ends in {@code bytes[0, to)}, just past the blank line; -1 if it has not all come. */
    static int endOfHead(byte[] bytes, int to) {
        for (int i = 3; i < to; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Null if the head accepts the upgrade; otherwise why not, in a few words. */
    String refusal(byte[] bytes, int headLength) {
        var head = new String(bytes, 0, headLength, StandardCharsets.ISO_8859_1);
        var statusLine = head.substring(0, Math.max(0, head.indexOf('\r')));
        var parts = statusLine.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return "not an HTTP answer";
        }
        if (!parts[1].equals("101")) {
            return "HTTP " + parts[1];
        }
        if (!head.contains(accept())) {
            return "bad Sec-WebSocket-Accept";
        }
        return null;
    }

    private String accept() {
        try {
            var digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
