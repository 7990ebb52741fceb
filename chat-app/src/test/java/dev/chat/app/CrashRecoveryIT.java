package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.javalin.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar killed with SIGKILL while a client streams chats into SQLite, then started again on the same data:
 * what survives, the ids it hands out next, and what a resume across the loss is told.
 */
class CrashRecoveryIT {

    @Test
    void killed_with_sigkill_mid_stream_it_keeps_a_whole_prefix_and_never_reuses_an_id_it_showed() throws Exception {
        var environment = crashable();
        var crash = crashMidStream(environment);

        var restarted = ServerProcess.startJar(environment);
        var bob = TestClient.connect(restarted.awaitStartup().port(), "userId=bob&username=Bob&room=dev&since="
                + (crash.firstShown() - 1));
        bob.nextOfType("presence");
        int kept = 0;
        var message = bob.next();
        for (; !message.path("type").asText().equals("join"); message = bob.next()) {
            assertEquals("m" + ++kept, message.get("content").asText(), "what survives is a whole prefix");
        }
        var newId = message.path("id").asLong();
        restarted.process().destroy();
        assertTrue(restarted.process().waitFor(20, TimeUnit.SECONDS));

        System.out.printf("SIGKILL after %d of 3000 chats were echoed: %d on disk%n",
                crash.lastShown() - crash.firstShown() + 1, kept);
        assertTrue(newId > crash.lastShown(), "the first id after the restart, " + newId + ", is past "
                + crash.lastShown());
    }

    /**
     * After the crash the ids the dead process may have shown but did not keep are skipped, and a resume answers one
     * rule, the same on every try: only a resume whose every missed id is still there is recovered; one that reaches
     * back across the ids the crash lost is not, wherever its {@code since} stands.
     */
    @Test
    void after_sigkill_a_resume_across_the_lost_ids_is_never_recovered_and_one_after_them_is() throws Exception {
        var environment = crashable();
        crashMidStream(environment);

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

    /** The ids of the first and last chat that alice was shown before the kill. */
    private record Crash(long firstShown, long lastShown) {}

    private static Map<String, String> crashable() throws IOException {
        return Map.of("PORT", "0", "STORE", "sqlite", "DATA_DIR", Files.createTempDirectory("chat-data").toString(),
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0");
    }

    /** Alice sends 3 000 chats at once, faster than the disk keeps them; halfway through her echoes, SIGKILL. */
    private static Crash crashMidStream(Map<String, String> environment) throws Exception {
        var server = ServerProcess.startJar(environment);
        var alice = TestClient.entered(server.awaitStartup().port(), "userId=alice&username=Alice&room=dev");
        var shown = Shown.sendingAndReadingHalf(alice, 3000);
        server.process().destroyForcibly();
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
        return new Crash(shown.first(), shown.last());
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
        return new ObjectMapper().readTree(answer.body()).get("messages").get(0).get("id").asLong();
    }
}
