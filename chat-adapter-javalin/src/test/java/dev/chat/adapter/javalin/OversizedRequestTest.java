package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Headers and URLs larger than any client needs are refused before they cost anything, in the protocol's JSON. */
class OversizedRequestTest {

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void a_header_too_large_gets_431_and_a_url_too_long_414() throws Exception {
        var big = "a".repeat(20_000);

        var header = RawSocket.refusedUpgrade(running.port(), "userId=u&username=U", Map.of("X-Big", big));
        var url = RawSocket.refusedUpgrade(running.port(), "userId=" + big + "&username=U", Map.of());

        assertEquals(431, header.status());
        assertEquals(414, url.status());
        for (var answer : new RawSocket.HttpAnswer[] {header, url}) {
            assertTrue(answer.body().startsWith("{\"type\":\"error\",\"code\":\"request_too_large\""), answer.body());
        }
        assertEquals(200, running.get("/health").statusCode(), "and the server goes on");
    }
}
