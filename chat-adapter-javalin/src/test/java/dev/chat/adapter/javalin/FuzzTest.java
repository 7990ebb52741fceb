package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input from several connections at once: the server answers each bad frame as the protocol
 * says, to its sender only, the clients that behave notice nothing, and the server grows neither threads nor heap.
 */
class FuzzTest {

    /** In two rounds: the first lets the server reach its working size, the second must not grow it. */
    private static final int FRAMES = Integer.getInteger("fuzz.frames", 100_000);
    /** Room for what the heap holds for a moment; a leak of even 200 bytes a frame is twice this over a round. */
    private static final long HEAP_SLACK = 8L * 1024 * 1024;
    private static final int FUZZERS = 4;
    private static final int BAD_RIGHT_AWAY = 300;
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireCode)
            .collect(Collectors.toSet());
    private static final String[] SEEDS = {
        "{\"type\":\"chat\",\"content\":\"hi\"}", "{\"type\":\"subscribe\",\"room\":\"r1\",\"since\":\"3\"}",
        "{\"type\":\"direct\",\"to\":\"watcher\",\"content\":\"x\"}", "{\"type\":\"unsubscribe\",\"room\":\"r1\"}",
        "{\"type\":\"chat\",\"room\":\"global\",\"content\":\"\\u00e9\\ud83d\\ude00\"}"};
    private static final String PIECES = "{}[]\":,\\ 0123456789eE+-.truefalsenulltypecontentroomsince\u00e9\ud83d\ude00";

    private final RunningServer running = RunningServer.start();

    @AfterEach
    void stop() throws InterruptedException {
        running.close();
    }

    @Test
    void random_and_mutated_frames_are_answered_to_their_senders_and_nobody_else_notices() throws Exception {
        var watcher = TestClient.joined(running.port(), "watcher", "Watcher");
        var poster = TestClient.joined(running.port(), "poster", "Poster");
        watcher.nextJoinOf("poster");
        var fuzzers = new ArrayList<TestClient>();
        for (int f = 0; f < FUZZERS; f++) {
            fuzzers.add(TestClient.entered(running.port(), "userId=fuzz" + f + "&username=Fuzz&room=fuzzing"));
        }

        fuzz(fuzzers, 0);
        var threadsAfterFirst = platformThreads();
        var heapAfterFirst = heapAfterCollection();
        fuzz(fuzzers, 1);

        Await.until(() -> platformThreads() <= threadsAfterFirst,
                () -> "platform threads grew from " + threadsAfterFirst + " to " + platformThreads());
        var heap = heapAfterCollection();
        assertTrue(heap <= heapAfterFirst + HEAP_SLACK, "the heap grew from " + heapAfterFirst + " to " + heap);
        for (var fuzzer : fuzzers) {
            assertFalse(fuzzer.isClosed(), () -> "a fuzzer was closed: " + fuzzer.awaitClose());
            for (var text = fuzzer.pollText(); text != null; text = fuzzer.pollText()) {
                var prefix = "{\"type\":\"error\",\"code\":\"";
                if (text.startsWith(prefix)) {
                    var code = text.substring(prefix.length(), text.indexOf('"', prefix.length()));
                    assertTrue(ERROR_CODES.contains(code), text);
                }
            }
        }
        poster.send("{\"type\":\"chat\",\"content\":\"still here\"}");
        assertEquals("still here", watcher.nextOfType("chat").get("content").asText(),
                "the watcher in another room got nothing of the fuzzing, then the poster's chat");
        assertEquals("{\"status\":\"ok\",\"clients\":6,\"storage\":\"disabled\",\"cluster\":\"disabled\"}", running.get("/health").body());
    }

    /** Half the frames, shared among the fuzzers, each round with seeds of its own. */
    private static void fuzz(List<TestClient> fuzzers, int round) throws Exception {
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            var sent = new ArrayList<Future<?>>();
            for (int f = 0; f < fuzzers.size(); f++) {
                var fuzzer = fuzzers.get(f);
                var random = new Random(round * 1000L + f);
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < FRAMES / 2 / fuzzers.size(); i++) {
                        fuzzer.send(mutation(random));
                    }
                }));
            }
            for (var done : sent) {
                done.get();
            }
        }
        for (var fuzzer : fuzzers) {
            fuzzer.send("{\"type\":\"chat\",\"room\":\"fuzzing\",\"content\":\"round " + round + " done\"}");
        }
        for (int f = 0; f < fuzzers.size(); f++) {
            drainUntil(fuzzers.get(f), "fuzz" + f, "round " + round + " done");
        }
    }

    /** Reads what the fuzzer was answered, each error with a documented code, until its own chat comes back. */
    private static void drainUntil(TestClient fuzzer, String userId, String content) throws InterruptedException {
        for (var message = fuzzer.next(); ; message = fuzzer.next()) {
            if (message.path("type").asText().equals("error")) {
                assertTrue(ERROR_CODES.contains(message.path("code").asText()), message.toString());
            } else if (message.path("userId").asText().equals(userId)
                    && message.path("content").asText().equals(content)) {
                return;
            }
        }
    }

    /** A pool may hold a spare thread for a moment after a burst; a leaked one never goes. */
    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterCollection() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void text_that_is_not_utf8_closes_only_its_own_connection_with_1007() throws Exception {
        var watcher = TestClient.joined(running.port(), "watcher", "Watcher");
        try (var raw = RawSocket.upgraded(running.port(), "userId=bad&username=Bad", 0)) {
            maskedText(raw, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

            assertEquals(1007, raw.awaitCloseCode());
        }
        assertFalse(watcher.isClosed());
    }

    /** The server is still writing its welcome when the bad text arrives: its close frame must not be lost to that. */
    @Test
    void text_that_is_not_utf8_right_after_the_upgrade_still_gets_its_close_frame() throws Exception {
        for (int i = 0; i < BAD_RIGHT_AWAY; i++) {
            try (var raw = RawSocket.upgraded(running.port(), "userId=bad" + i + "&username=Bad", 0)) {
                maskedText(raw, new byte[] {(byte) 0xC3, (byte) 0x28});

                assertEquals(1007, raw.awaitCloseCode(), "connection " + i);
            }
        }
    }

    /** A seed message with a few random cuts, insertions and replacements; sometimes random pieces alone. */
    private static String mutation(Random random) {
        if (random.nextInt(10) == 0) {
            var noise = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                noise.append(PIECES.charAt(random.nextInt(PIECES.length())));
            }
            return wellFormed(noise);
        }
        var text = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
        for (int edits = 1 + random.nextInt(4); edits > 0 && !text.isEmpty(); edits--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, PIECES.charAt(random.nextInt(PIECES.length())));
                case 2 -> text.setCharAt(at, PIECES.charAt(random.nextInt(PIECES.length())));
                default -> text.insert(at, "[".repeat(random.nextInt(50)));
            }
        }
        return wellFormed(text);
    }

    /** Text frames carry UTF-8, which a lone half of a surrogate pair cannot be written in: it becomes '?'. */
    private static String wellFormed(CharSequence text) {
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static void maskedText(RawSocket raw, byte[] payload) throws IOException {
        var frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = payload[i];
        }
        raw.output().write(frame);
    }
}
