package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Posters that send as fast as their own echoes allow, next to readers that only read, with the server's default
 * settings: every reader receives every message of the room, in id order, with no gap and no duplicate.
 */
class BurstTest {

    private static final int POSTERS = 3;
    private static final int CHATS_EACH = 800;
    private static final int UNECHOED_AT_MOST = 64;
    private static final int TOTAL = POSTERS * CHATS_EACH;

    private final RunningServer running = RunningServer.start();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        running.close();
    }

    @Test
    void a_pure_reader_and_a_newcomer_that_enters_mid_stream_receive_every_chat_without_a_gap() throws Exception {
        try (var reader = TestClient.entered(running.port(), "userId=reader&username=Reader")) {
            var readerSaw = new SeenIds();
            var posters = new ArrayList<TestClient>();
            var postings = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < POSTERS; i++) {
                var poster = TestClient.entered(running.port(), "userId=poster" + i + "&username=Poster" + i);
                posters.add(poster);
                postings.add(post(poster, "poster" + i));
            }
            readUntil(reader, readerSaw, () -> readerSaw.chats() >= TOTAL / 3);

            try (var newcomer = TestClient.connect(running.port(), "userId=newcomer&username=Newcomer")) {
                var newcomerSaw = new SeenIds();
                postings.forEach(CompletableFuture::join);

                readUntil(reader, readerSaw, () -> readerSaw.lastChatsSeen() == POSTERS);
                assertEquals(TOTAL, readerSaw.chats(), "the reader received every chat");
                assertGapless(readerSaw.allIds(), "the reader");

                readUntil(newcomer, newcomerSaw, () -> newcomerSaw.lastChatsSeen() == POSTERS);
                assertGapless(newcomerSaw.allIds(), "the newcomer");
            }
            posters.forEach(TestClient::close);
        }
    }

    /** Posts CHATS_EACH chats, never more than UNECHOED_AT_MOST ahead of the echoes it has read. */
    private CompletableFuture<Void> post(TestClient poster, String userId) {
        return CompletableFuture.runAsync(() -> {
            int sent = 0;
            int echoed = 0;
            try {
                while (echoed < CHATS_EACH) {
                    while (sent < CHATS_EACH && sent - echoed < UNECHOED_AT_MOST) {
                        poster.send("{\"type\":\"chat\",\"content\":\"" + sent++ + "\"}");
                    }
                    var message = poster.next();
                    if (message.path("type").asText().equals("chat")
                            && message.path("userId").asText().equals(userId)) {
                        echoed++;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }, threads);
    }

    private static void readUntil(TestClient client, SeenIds seen, BooleanSupplier done)
            throws InterruptedException {
        while (!done.getAsBoolean()) {
            seen.add(client.next());
        }
    }

    private static void assertGapless(List<Long> ids, String who) {
        assertTrue(ids.size() > 1, who + " saw no room messages");
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) != ids.get(i - 1) + 1) {
                throw new AssertionError(who + " saw id " + ids.get(i) + " right after " + ids.get(i - 1));
            }
        }
    }

    /** Every room message's id in the order it arrived, and which were chats. */
    static final class SeenIds {

        private final List<Long> all = new ArrayList<>();
        private int chats;
        private int lastChats;

        void add(JsonNode message) {
            if (!message.has("id")) {
                return;
            }
            all.add(message.get("id").asLong());
            if (message.path("type").asText().equals("chat")) {
                chats++;
                if (message.path("content").asText().equals(Integer.toString(CHATS_EACH - 1))) {
                    lastChats++;
                }
            }
        }

        int chats() {
            return chats;
        }

        int lastChatsSeen() {
            return lastChats;
        }

        List<Long> allIds() {
            return all;
        }
    }

}
