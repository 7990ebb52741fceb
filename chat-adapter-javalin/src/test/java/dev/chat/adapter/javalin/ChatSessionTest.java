package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try it" session, replayed against a real server: Alice connects, then Bob; every {@code >} line is
 * what Bob sends, every {@code <} line what he must receive next. Only timestamps may differ.
 */
class ChatSessionTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"[^\"]+\"");

    @Test
    void the_readme_session_is_what_the_server_says() throws Exception {
        var lines = session();
        assertTrue(lines.stream().filter(line -> line.startsWith("< ")).count() >= 5, "no session found: " + lines);

        try (var server = RunningServer.start()) {
            TestClient.joined(server.port(), "alice", "Alice");
            var bob = TestClient.connect(server.port(), "userId=bob&username=Bob");
            for (var line : lines) {
                if (line.startsWith("> ")) {
                    bob.send(line.substring(2));
                } else if (line.startsWith("< ")) {
                    assertEquals(withoutTime(line.substring(2)), withoutTime(bob.nextText()));
                }
            }
        }
    }

    private static String withoutTime(String json) {
        return TIMESTAMP.matcher(json).replaceAll("\"timestamp\":\"...\"");
    }

    /** The first text block under the README's "## Try it". */
    private static List<String> session() throws IOException {
        var readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("\n## Try it\n");
        assertTrue(section >= 0, "the README has no Try it section");
        int start = readme.indexOf("```text\n", section) + "```text\n".length();
        return readme.substring(start, readme.indexOf("\n```", start)).lines().toList();
    }
}
