package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Many rooms, many posters, and subscribers that enter while the posting goes on, take the latest history, and
 * leave and resume. For every room, every member must have seen one and the same sequence: ids without a gap or a
 * duplicate from where it came in to the room's last message, across history, resume and live delivery.
 */
class RoomsConcurrencyTest {

    private static final int ROOMS = 5;
    private static final int POSTERS = 6;
    private static final int POSTS_EACH = 400;
    private static final int LATE_SUBSCRIBERS = 10;
    private static final int RESUMERS = 5;

    private final TrackingThreads threads = new TrackingThreads();
    private final InMemoryMessageStore store = new InMemoryMessageStore(100_000, 100);
    private final Hub hub = new Hub(HubSettings.defaults()
            .withSendQueueBytes(Integer.MAX_VALUE)
            .withWriteInterval(Duration.ZERO)
            .withRoomLimits(new RoomLimits(ROOMS, 20, 100_000))
            .withThreads(threads), store).start();
    /** What each id of each room said; every member must agree. */
    private final Map<String, String> contentByRoomAndId = new ConcurrentHashMap<>();

    /** A subscriber's view: per room, the ids it received in order. */
    private record Seen(String who, Map<String, List<Long>> idsByRoom) {}

    /** What a resumer's first connection received before it went, and its second connection. */
    private record Resumed(List<String> before, RecordingConnection after) {}

    @Test
    void every_member_of_every_room_sees_the_same_sequence_without_gaps_or_duplicates() throws Exception {
        var workers = new StartingLine();
        var posters = new ArrayList<RecordingConnection>();
        for (int p = 0; p < POSTERS; p++) {
            var connection = new RecordingConnection();
            posters.add(connection);
            workers.add(poster(p, connection));
        }
        var late = new ArrayList<RecordingConnection>();
        for (int s = 0; s < LATE_SUBSCRIBERS; s++) {
            var connection = new RecordingConnection();
            late.add(connection);
            workers.add(lateSubscriber(s, connection));
        }
        var resumed = new ConcurrentHashMap<Integer, Resumed>();
        for (int r = 0; r < RESUMERS; r++) {
            int index = r;
            workers.add(() -> resumed.put(index, resumer(index)));
        }

        workers.goAndAwaitAll();
        hub.rooms();
        var lastIds = new HashMap<String, Long>();
        for (int room = 0; room < ROOMS; room++) {
            lastIds.put(room(room), store.lastId(room(room)));
        }

        for (int p = 0; p < POSTERS; p++) {
            assertContiguous(read("poster " + p, List.of(), posters.get(p), lastIds), lastIds, true);
        }
        for (int s = 0; s < LATE_SUBSCRIBERS; s++) {
            assertContiguous(read("late " + s, List.of(), late.get(s), lastIds), lastIds, false);
        }
        for (int r = 0; r < RESUMERS; r++) {
            var resumer = resumed.get(r);
            assertContiguous(read("resumer " + r, resumer.before(), resumer.after(), lastIds), lastIds, false);
        }
        hub.close();
        threads.assertAllEnded();
    }

    /** Enters every room, then posts to them in turn. */
    private Runnable poster(int index, RecordingConnection connection) {
        return () -> {
            var client = hub.connect(new Identity("poster-" + index, "Poster"), connection,
                    new Request.Subscribe(room(0), null));
            for (int room = 1; room < ROOMS; room++) {
                client.post(new ClientMessage("subscribe", null, room(room), null, null));
            }
            for (int n = 0; n < POSTS_EACH; n++) {
                client.post(new ClientMessage("chat", "p" + index + "-" + n, room(n % ROOMS), null, null));
            }
        };
    }

    /** Enters one room at some moment during the posting and stays. */
    private Runnable lateSubscriber(int index, RecordingConnection connection) {
        return () -> {
            pause();
            hub.connect(new Identity("late-" + index, "Late"), connection,
                    new Request.Subscribe(room(index % ROOMS), null));
        };
    }

    /** Enters one room, leaves in the middle of the posting, and comes back from the last id it saw. */
    private Resumed resumer(int index) {
        var identity = new Identity("resumer-" + index, "Resumer");
        var room = room(index % ROOMS);
        var first = new RecordingConnection();
        var client = hub.connect(identity, first, new Request.Subscribe(room, null));
        pause();
        client.disconnect();
        hub.rooms();
        var before = first.drained();
        var second = new RecordingConnection();
        hub.connect(identity, second, new Request.Subscribe(room, lastIdIn(before, room)));
        return new Resumed(before, second);
    }

    private Seen read(String who, List<String> earlier, RecordingConnection connection, Map<String, Long> lastIds)
            throws InterruptedException {
        var ids = new HashMap<String, List<Long>>();
        for (var text : earlier) {
            note(who, text, ids);
        }
        while (!reachedTheEnd(ids, lastIds)) {
            note(who, connection.next(), ids);
        }
        return new Seen(who, ids);
    }

    private void note(String who, String text, Map<String, List<Long>> ids) {
        var room = field(text, "room");
        var id = field(text, "id");
        if (room == null || id == null) {
            var type = field(text, "type");
            assertTrue("presence".equals(type), who + " got " + text);
            if (text.contains("\"recovered\"")) {
                assertTrue(text.contains("\"recovered\":true"), who + " could not resume: " + text);
            }
            return;
        }
        var content = field(text, "content");
        var earlier = contentByRoomAndId.putIfAbsent(room + "#" + id, content);
        assertTrue(earlier == null || earlier.equals(content),
                who + " saw " + room + "#" + id + " as '" + content + "', others as '" + earlier + "'");
        ids.computeIfAbsent(room, r -> new ArrayList<>()).add(Long.parseLong(id));
    }

    private static boolean reachedTheEnd(Map<String, List<Long>> ids, Map<String, Long> lastIds) {
        return !ids.isEmpty() && ids.entrySet().stream()
                .allMatch(entry -> entry.getValue().getLast().equals(lastIds.get(entry.getKey())));
    }

    private static void assertContiguous(Seen seen, Map<String, Long> lastIds, boolean inEveryRoom) {
        if (inEveryRoom) {
            assertEquals(ROOMS, seen.idsByRoom().size(), seen.who() + " is in every room");
        }
        seen.idsByRoom().forEach((room, ids) -> {
            for (int i = 1; i < ids.size(); i++) {
                assertEquals(ids.get(i - 1) + 1, ids.get(i),
                        seen.who() + " in " + room + ": a gap or a duplicate after id " + ids.get(i - 1));
            }
            assertEquals(lastIds.get(room), ids.getLast(), seen.who() + " reached the end of " + room);
        });
    }

    private static long lastIdIn(List<String> texts, String room) {
        long last = 0;
        for (var text : texts) {
            if (room.equals(field(text, "room")) && field(text, "id") != null) {
                last = Long.parseLong(field(text, "id"));
            }
        }
        return last;
    }

    private static String room(int index) {
        return "room-" + index;
    }

    /** Lets some of the posting happen first; the order the test checks must hold whenever this ends. */
    private static void pause() {
        for (int spins = ThreadLocalRandom.current().nextInt(50_000, 2_000_000); spins > 0; spins--) {
            Thread.onSpinWait();
        }
    }
}
