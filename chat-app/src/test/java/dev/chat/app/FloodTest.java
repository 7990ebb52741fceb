package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker who sends as fast as the socket goes, with the default limits: whatever the frames are, each one is
 * paid for from the connection's budget, the flood is closed with 1008, the close frame reaches the attacker, and
 * the other clients notice nothing.
 */
class FloodTest {

    /** The default budget is a burst of 10; then 50 refusals in a row close the connection. */
    private static final int FRAMES_BEFORE_CLOSE_AT_MOST = 10 + 5 * 20 + 50;

    @TempDir
    Path data;
    private ChatApplication app;
    private TestClient bystander;

    @BeforeEach
    void start() throws Exception {
        app = ChatApplication.start(ChatConfig.load(Map.of("PORT", "0", "DATA_DIR", data.toString())).config());
        bystander = TestClient.joined(app.port(), "bystander", "Bystander");
    }

    @AfterEach
    void stop() throws InterruptedException {
        bystander.close();
        app.stop();
    }

    @Test
    void unterminated_json_is_charged_to_the_budget_and_the_flood_is_closed_with_1008() throws Exception {
        assertFloodClosedWith1008(i -> "{\"type\":\"chat\",\"content\":\"x\"");
    }

    @Test
    void a_known_field_of_the_wrong_type_is_charged_to_the_budget_too() throws Exception {
        assertFloodClosedWith1008(i -> "{\"type\":\"chat\",\"content\":" + i + "}");
    }

    @RepeatedTest(6)
    void a_client_flooding_subscribes_to_new_rooms_sees_the_1008_close_frame_not_1006() throws Exception {
        assertClientSeesItsFloodClosedWith1008(i -> "{\"type\":\"subscribe\",\"room\":\"room-" + i + "\"}");
    }

    @RepeatedTest(6)
    void a_client_flooding_subscribes_to_the_same_room_sees_the_1008_close_frame_not_1006() throws Exception {
        assertClientSeesItsFloodClosedWith1008(i -> "{\"type\":\"subscribe\",\"room\":\"flood\"}");
    }

    @RepeatedTest(6)
    void a_client_flooding_chats_sees_the_1008_close_frame_not_1006() throws Exception {
        assertClientSeesItsFloodClosedWith1008(
                i -> "{\"type\":\"chat\",\"room\":\"flood\",\"content\":\"spam " + i + "\"}");
    }

    /**
     * A real client (the JDK's) that sends as fast as it may: the server's close frame must reach it before the
     * socket goes, or its next write fails on a reset and all it can say is 1006.
     */
    private void assertClientSeesItsFloodClosedWith1008(LongFunction<String> frame) throws Exception {
        var client = TestClient.connect(app.port(), "userId=mallory&username=Mallory&room=flood");
        try {
            for (long i = 0; !client.isClosed(); i++) {
                client.send(frame.apply(i));
            }
        } catch (RuntimeException sendRefusedOnceClosed) {
            // the close frame has arrived, or the socket is gone: the close code says which
        }
        var closed = client.awaitClose();
        assertEquals(1008, closed.code(), closed.reason());
        bystanderStillChats();
    }

    private void assertFloodClosedWith1008(LongFunction<String> frame) throws Exception {
        try (var flooder = Flooder.flood(app.port(), "userId=mallory&username=Mallory&room=flood", frame)) {
            assertEquals(1008, flooder.awaitCloseCode(), "the close frame reached the flooder");
            assertTrue(flooder.errorReplies() <= FRAMES_BEFORE_CLOSE_AT_MOST,
                    "answered " + flooder.errorReplies() + " refused frames before closing the flood");
        }
        bystanderStillChats();
    }

    private void bystanderStillChats() throws InterruptedException {
        bystander.send("{\"type\":\"chat\",\"content\":\"still quick\"}");
        assertEquals("still quick", bystander.nextOfType("chat").get("content").asText());
    }
}
