package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private final Handshake handshake = new Handshake(URI.create("ws://127.0.0.1:8080/ws?userId=u1&username=U"));

    @Test
    void the_request_asks_for_an_upgrade_of_the_path_and_query() {
        var request = requestText();

        assertTrue(request.startsWith("GET /ws?userId=u1&username=U HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), request);
        assertTrue(request.contains("Upgrade: websocket\r\n") && request.contains("Sec-WebSocket-Version: 13\r\n"));
        assertTrue(request.endsWith("\r\n\r\n"));
    }

    @Test
    void a_101_with_the_right_accept_key_is_an_upgrade() throws Exception {
        var answer = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: "
                + accept() + "\r\n\r\n{\"type\":\"join\"}");

        int head = Handshake.endOfHead(answer, answer.length);

        assertEquals(answer.length - "{\"type\":\"join\"}".length(), head, "what follows the head is frames");
        assertNull(handshake.refusal(answer, head));
    }

    @Test
    void anything_else_is_a_refusal_with_its_reason() {
        var badRequest = bytes("HTTP/1.1 400 Bad Request\r\n\r\n");
        var wrongKey = bytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: nope\r\n\r\n");
        var garbage = bytes("SSH-2.0-OpenSSH\r\n\r\n");

        assertEquals("HTTP 400", handshake.refusal(badRequest, badRequest.length));
        assertEquals("bad Sec-WebSocket-Accept", handshake.refusal(wrongKey, wrongKey.length));
        assertEquals("not an HTTP answer", handshake.refusal(garbage, garbage.length));
        assertEquals(-1, Handshake.endOfHead(bytes("HTTP/1.1 101 Switching"), 22));
    }

    private String requestText() {
        return StandardCharsets.US_ASCII.decode(handshake.request().duplicate()).toString();
    }

    private String accept() throws Exception {
        var key = requestText().lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst()
                .orElseThrow().substring("Sec-WebSocket-Key: ".length());
        var digest = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
