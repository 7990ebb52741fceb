package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.app.example.MintToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page, the dashboard and chat.js in a real browser (Debian's Chromium, headless) against the real server,
 * as people and apps use them.
 */
class BrowserTest {

    private static final String SECRET = ServedPages.SECRET;
    private static final String XSS_IMG = "<img src=x onerror=\"window.__xss=1\">";
    /**
     * Enough to overflow what the socket buffers and the send queue hold while the page is stalled: each chat is
     * 4 KB, and loopback sockets here buffer megabytes.
     */
    private static final int CHATS = 4000;
    /** The poster reads its own echoes as it goes, so that only the stalled page falls behind. */
    private static final int UNECHOED_AT_MOST = 64;
    private static final String XSS_SCRIPT = "<script>window.__xss=2</script>";

    @TempDir
    Path data;
    private ServedPages pages;

    @AfterEach
    void closeEverything() throws Exception {
        pages.close();
    }

    @Test
    void two_people_chat_in_a_room_and_see_each_other() throws Exception {
        start(Map.of());
        var alice = browser();
        var bob = browser();
        alice.enterChat(base(), "Alice", null);
        bob.enterChat(base(), "Bob", null);

        alice.type("content", "hello from Alice");

        bob.await(page -> page.texts("#messages .chat .text").contains("hello from Alice"), "Alice's chat at Bob's");
        alice.await(page -> page.texts("#people .person").containsAll(List.of("Alice", "Bob")), "both in presence");
        bob.type("content", "hi Alice");
        alice.await(page -> page.texts("#messages .chat .text").contains("hi Alice"), "Bob's chat at Alice's");
        alice.screenshot("chat");
    }

    @Test
    void while_one_types_the_other_sees_who_is_typing_until_the_chat_arrives() throws Exception {
        start(Map.of());
        var alice = browser();
        var bob = browser();
        alice.enterChat(base(), "Alice", null);
        bob.enterChat(base(), "Bob", null);
        alice.await(page -> page.texts("#people .person").contains("Bob"), "Bob in Alice's presence");

        alice.element("content").sendKeys("hello");

        bob.awaitText("typing", "Alice is typing…");
        alice.element("content").submit();
        bob.await(page -> page.texts("#messages .chat .text").contains("hello"), "Alice's chat at Bob's");
        bob.awaitText("typing", "");
        alice.awaitText("typing", "");
    }

    @Test
    void after_a_restart_the_page_reconnects_and_shows_what_was_said_meanwhile_once_each_in_order() throws Exception {
        int port = AppRequests.freePort();
        start(Map.of("PORT", String.valueOf(port)));
        var alice = browser();
        alice.enterChat(base(), "Alice", null);
        alice.type("content", "before the restart");
        alice.await(page -> page.texts("#messages .chat .text").contains("before the restart"), "her own chat");

        pages.app().stop();
        alice.await(page -> !page.element("state").getText().equals("open"), "the page to notice");
        start(Map.of("PORT", String.valueOf(port)));
        try (var bob = TestClient.joined(port, "bob", "Bob")) {
            for (int i = 1; i <= 5; i++) {
                bob.send("{\"type\":\"chat\",\"content\":\"meanwhile " + i + "\"}");
            }

            alice.awaitText("state", "open");
            var expected = List.of("before the restart", "meanwhile 1", "meanwhile 2", "meanwhile 3", "meanwhile 4",
                    "meanwhile 5");
            alice.await(page -> page.texts("#messages .chat .text").equals(expected), "every chat once, in order: "
                    + expected);
        }
    }

    @Test
    void a_client_closed_with_4008_resumes_with_no_gap() throws Exception {
        start(Map.of());
        var page = browser();
        page.get(base() + "/");
        page.asyncScript(library("""
                window.__ids = []; window.__chats = 0; window.__closes = [];
                const client = new ChatClient({ url, userId: 'reader', username: 'Reader', room: 'flood' });
                for (const type of ['chat', 'join', 'leave', 'system']) {
                  client.on(type, (frame) => window.__ids.push(Number(frame.id)));
                }
                client.on('chat', () => window.__chats++);
                client.on('close', (event) => window.__closes.push(event.code));
                window.__recovered = [];
                client.on('recovered', (event) => window.__recovered.push(event.recovered));
                window.__client = client;
                client.connect().then(() => done('connected'));
                """));
        try (var poster = TestClient.entered(pages.app().port(), "userId=poster&username=Poster&room=flood")) {
            var padding = "\uD83D\uDE00".repeat(990);
            var stalled = CompletableFuture.runAsync(() -> page.script("const until = Date.now() + 8000;"
                    + " while (Date.now() < until) {}"));
            int echoed = 0;
            for (int i = 0; i < CHATS; i++) {
                poster.send("{\"type\":\"chat\",\"content\":\"" + i + padding + "\"}");
                for (; i - echoed >= UNECHOED_AT_MOST; echoed++) {
                    poster.nextOfType("chat");
                }
            }
            stalled.join();

            page.await(browser -> ((List<?>) browser.script("return window.__closes")).contains(4008L),
                    "the reader to be closed as too slow");
            page.await(browser -> ((Number) browser.script("return window.__chats")).intValue() == CHATS,
                    "every one of the chats");
        }
        assertEquals(List.of(true), page.script("return window.__recovered"), "its resume recovered everything");
        @SuppressWarnings("unchecked")
        var ids = (List<Number>) page.script("return window.__ids");
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1).longValue() + 1, ids.get(i).longValue(), "no gap, no repeat at " + i
                    + ": " + ids.subList(Math.max(0, i - 5), Math.min(ids.size(), i + 5)));
        }
    }

    @Test
    void the_client_guides_example_runs_as_shown() throws Exception {
        start(Map.of());
        var page = browser();
        page.get(base() + "/");
        var guide = Files.readString(Path.of("..", "docs", "client.md"));
        var example = guide.substring(guide.indexOf("```js\n") + 6, guide.indexOf("\n```", guide.indexOf("```js\n")));
        var body = example.replace("import { ChatClient } from '/client/chat.js';",
                "const { ChatClient } = await import('/client/chat.js');").replace("console.log(", "log(");

        var logged = page.asyncScript("const done = arguments[0]; const lines = []; const log = (line) => "
                + "lines.push(line); (async () => {" + body + "})().then(() => done(lines));");

        assertTrue(((List<?>) logged).containsAll(List.of("connection connecting", "connection open",
                "Alice: Hello, dev")), logged.toString());
        assertTrue(((List<?>) logged).stream().anyMatch(line -> line.toString().matches("sent as id \\d+")),
                logged.toString());
    }

    @Test
    void an_expiring_token_is_refreshed_with_a_new_one_from_the_apps_token_function() throws Exception {
        start(Map.of("AUTH_SECRET", SECRET));
        var first = MintToken.mint(SECRET, "alice", "Alice", List.of(), Duration.ofSeconds(30));
        var second = MintToken.mint(SECRET, "alice", "Alice", List.of(), Duration.ofHours(1));
        var page = browser();
        page.get(base() + "/");

        var refreshed = page.asyncScript(library("""
                const tokens = [arguments[0], arguments[1]];
                let asked = 0;
                const client = new ChatClient({ url, token: async () => tokens[asked++] });
                client.on('refreshed', (frame) => done({ asked, expiresAt: frame.expiresAt }));
                client.connect();
                """), first, second);

        var answer = (Map<?, ?>) refreshed;
        assertEquals(2L, answer.get("asked"), "asked once to connect, once to refresh");
        assertTrue(answer.get("expiresAt").toString().startsWith("20"), answer.toString());
    }

    @Test
    void a_room_of_ten_thousand_messages_keeps_the_page_bounded_and_shows_the_newest() throws Exception {
        start(Map.of());
        var alice = browser();
        alice.enterChat(base(), "Alice", null);
        try (var bob = TestClient.joined(pages.app().port(), "bob", "Bob")) {
            var longest = "\uD83D\uDE00".repeat(1000);
            int echoed = 0;
            for (int i = 0; i < 10_000; i++) {
                bob.send("{\"type\":\"chat\",\"content\":\"" + (i % 1000 == 999 ? longest : "m" + i) + "\"}");
                for (; i - echoed >= UNECHOED_AT_MOST; echoed++) {
                    bob.nextOfType("chat");
                }
            }
            bob.send("{\"type\":\"chat\",\"content\":\"the last one\"}");

            alice.await(page -> page.texts("#messages .chat .text").contains("the last one"), "the newest message");
            assertTrue(alice.texts("#messages li").size() <= 500, "at most 500 messages on the page");
            assertTrue(alice.texts("#messages .chat .text").contains(longest), "a message of 1 000 emoji");
        }
    }

    @Test
    void content_and_names_are_shown_as_text_and_no_script_runs() throws Exception {
        start(Map.of());
        var alice = browser();
        alice.enterChat(base(), "Alice", null);
        try (var mallory = TestClient.entered(pages.app().port(), "userId=mallory&username="
                + URLEncoder.encode(XSS_IMG, StandardCharsets.UTF_8))) {
            mallory.send("{\"type\":\"chat\",\"content\":" + json(XSS_IMG) + "}");
            mallory.send("{\"type\":\"chat\",\"content\":" + json(XSS_SCRIPT) + "}");

            alice.await(page -> page.texts("#messages .chat .text").containsAll(List.of(XSS_IMG, XSS_SCRIPT)),
                    "both shown as text");
            alice.await(page -> page.texts("#people .person").contains(XSS_IMG), "the name shown as text");
            assertNull(alice.script("return window.__xss"), "no script ran in the chat page");

            var dashboard = browser();
            dashboard.get(base() + "/admin");
            dashboard.await(page -> page.texts("#users td").contains(XSS_IMG), "the name in the users table");
            assertNull(dashboard.script("return window.__xss"), "no script ran in the dashboard");
        }
    }

    /** A script that imports chat.js as an app's module would, with `url` and `done` (the script's callback). */
    private static String library(String body) {
        return "const done = arguments[arguments.length - 1];"
                + " const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';"
                + " import('/client/chat.js').then(({ ChatClient }) => {" + body + "});";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void start(Map<String, String> extra) throws ConfigException {
        if (pages == null) {
            pages = new ServedPages(data);
        }
        pages.start(extra);
    }

    private String base() {
        return pages.base();
    }

    private Browser browser() {
        return pages.browser();
    }
}
