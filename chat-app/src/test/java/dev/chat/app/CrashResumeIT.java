package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged server killed with SIGKILL while it numbers chats faster than it writes them, then started again on
 * the same disk: the ids it may have shown but did not keep are skipped, and a resume answers one rule, the same on
 * every try. Only a resume whose every missed id is still there is recovered; one that reaches back across the ids
 * the crash lost is not, wherever its {@code since} stands.
 */
class CrashResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_resume_across_the_ids_a_crash_lost_is_never_recovered_and_one_after_them_is() throws Exception {
        var environment = Map.of("PORT", "0", "STORE", "sqlite", "DATA_DIR",
                Files.createTempDirectory("chat-data").toString(), "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0",
                "USER_RATE_LIMIT_PER_SEC", "0");
        var server = ServerProcess.startJar(environment);
        var alice = TestClient.entered(server.awaitStartup().port(), "userId=alice&username=Alice&room=dev");
        for (int i = 1; i <= 3000; i++) {
            alice.send("{\"type\":\"chat\",\"content\":\"m" + i + "\"}");
        }
        for (int echoed = 0; echoed < 1500; echoed++) {
            alice.nextOfType("chat");
        }
        server.process().destroyForcibly();
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));

        var restarted = ServerProcess.startJar(environment);
        int port = restarted.awaitStartup().port();
        try {
            long lastOnDisk = newestId(port);
            var bob = TestClient.entered(port, "userId=bob&username=Bob&room=dev&since=" + lastOnDisk);
            bob.send("{\"type\":\"chat\",\"content\":\"after the crash\"}");
            long firstAfter = bob.nextOfType("chat").get("id").asLong();
            assertTrue(firstAfter > lastOnDisk + 1, "the restart skipped the ids the dead process may have shown: "
                    + lastOnDisk + " then " + firstAfter);

            for (long since : new long[] {lastOnDisk - 1, lastOnDisk, lastOnDisk + 1,
                    (lastOnDisk + firstAfter) / 2}) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(false, recovered(port, since), "since=" + since + " (last on disk " + lastOnDisk
                            + ", first after " + firstAfter + "), attempt " + attempt);
                }
            }
            for (long since : new long[] {firstAfter - 1, firstAfter}) {
                for (int attempt = 1; attempt <= 2; attempt++) {
                    assertEquals(true, recovered(port, since), "since=" + since + ": no id after it is missing");
                }
            }
        } finally {
            restarted.process().destroy();
            assertTrue(restarted.process().waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static boolean recovered(int port, long since) throws Exception {
        try (var client = TestClient.connect(port, "userId=carol&username=Carol&room=dev&since=" + since)) {
            var presence = client.nextOfType("presence");
            assertTrue(presence.has("recovered"), presence.toString());
            return presence.get("recovered").asBoolean();
        }
    }

    private static long newestId(int port) throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/rooms/dev/messages?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).get("messages").get(0).get("id").asLong();
    }
}
