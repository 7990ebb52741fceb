package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The protocol guide's server API session, run line by line with curl against a fresh server, in the situation the
 * guide describes; each answer must be the one shown, but for what differs from run to run.
 */
class ServerApiDocTest {

    private static final String KEY = "a-key-for-the-protocol-guide-0000001";
    private static final Set<String> VARYING = Set.of("timestamp", "startedAt", "uptimeSeconds", "version", "at");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TestApps apps = new TestApps();

    record Example(String command, String answer) {}

    @Test
    void every_curl_line_of_the_server_api_section_answers_as_shown() throws Exception {
        var app = apps.start(Map.of("STORE", "sqlite", "API_KEY", KEY));
        var alice = apps.client(app.port(), "userId=alice&username=Alice&room=dev");
        var bob = apps.client(app.port(), "userId=bob&username=Bob&room=dev");
        alice.nextJoinOf("bob");
        bob.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"buy cheap watches\"}");
        assertEquals("3", alice.nextOfType("chat").get("id").asText(), "the situation the guide describes");

        var examples = examples();
        for (var example : examples) {
            var answer = run(example.command(), app.port());
            assertSameShape(JSON.readTree(example.answer()), JSON.readTree(answer), example.command());
            if (example.command().contains("/disconnect")) {
                bob.awaitClose();
                alice.nextOfType("leave");
            }
            if (example.command().contains("/mute")) {
                alice.send("{\"type\":\"chat\",\"room\":\"dev\",\"content\":\"hello?\"}");
                assertEquals("muted", alice.nextOfType("error").get("code").asText());
            }
        }
        assertTrue(examples.size() >= 9, "the guide shows only " + examples.size() + " calls");
    }

    private static List<Example> examples() throws Exception {
        var guide = Files.readString(Path.of("../docs/protocol.md"));
        var section = guide.substring(guide.indexOf("## Server API"), guide.indexOf("## Errors"));
        var lines = section.lines().toList();
        var examples = new ArrayList<Example>();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("$ curl ")) {
                examples.add(new Example(lines.get(i).substring(2), lines.get(i + 1)));
            }
        }
        return examples;
    }

    private static String run(String command, int port) throws Exception {
        var process = new ProcessBuilder("bash", "-c", command.replace("localhost:8080", "127.0.0.1:" + port))
                .redirectErrorStream(true);
        process.environment().put("API_KEY", KEY);
        var started = process.start();
        var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(started.waitFor(30, TimeUnit.SECONDS), command);
        assertEquals(0, started.exitValue(), command + " printed " + output);
        return output;
    }

    /** The same fields in the same order, each with the value shown unless it differs from run to run. */
    private static void assertSameShape(JsonNode shown, JsonNode answered, String command) {
        var shownNames = new ArrayList<String>();
        shown.fieldNames().forEachRemaining(shownNames::add);
        var answeredNames = new ArrayList<String>();
        answered.fieldNames().forEachRemaining(answeredNames::add);
        assertEquals(shownNames, answeredNames, command + " answered " + answered);
        for (var name : shownNames) {
            if (!VARYING.contains(name)) {
                assertEquals(shown.get(name), answered.get(name), command + " answered " + answered);
            }
        }
    }
}
