package dev.chat.hub;

import dev.chat.domain.MessageStore;
import dev.chat.domain.RoomMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link MessageStore}: the newest {@code perRoom} messages of each room, in memory, for at most
 * {@code maxRooms} rooms (the room written to least recently is forgotten first). Each room's history is an
 * immutable array replaced on every append, so readers on any thread never wait for the loop that writes.
 */
public final class InMemoryMessageStore implements MessageStore {

    public static final int DEFAULT_PER_ROOM = 100;
    public static final int DEFAULT_MAX_ROOMS = 10_000;

    private record History(RoomMessage[] messages, long lastWrite) {}

    private final int perRoom;
    private final int maxRooms;
    private final ConcurrentHashMap<String, History> rooms = new ConcurrentHashMap<>();
    private long writes;

    public InMemoryMessageStore() {
        this(DEFAULT_PER_ROOM, DEFAULT_MAX_ROOMS);
    }

    public InMemoryMessageStore(int perRoom, int maxRooms) {
        if (perRoom < 1 || maxRooms < 1) {
            throw new IllegalArgumentException("a store keeps at least one message of one room");
        }
        this.perRoom = perRoom;
        this.maxRooms = maxRooms;
    }

    @Override
    public void append(RoomMessage message) {
        var old = rooms.get(message.room());
        if (old == null && rooms.size() >= maxRooms) {
            forgetLeastRecentlyWritten();
        }
        var kept = old == null ? new RoomMessage[0] : old.messages();
        var next = Arrays.copyOfRange(kept, Math.max(0, kept.length + 1 - perRoom), kept.length + 1);
        next[next.length - 1] = message;
        rooms.put(message.room(), new History(next, ++writes));
    }

    @Override
    public long lastId(String room) {
        var messages = messages(room);
        return messages.length == 0 ? 0 : messages[messages.length - 1].id();
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        var messages = messages(room);
        return List.of(Arrays.copyOfRange(messages, Math.max(0, messages.length - limit), messages.length));
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        var messages = messages(room);
        int from = firstWithIdAbove(messages, afterId);
        return List.of(Arrays.copyOfRange(messages, from, Math.min(messages.length, from + limit)));
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        var messages = messages(room);
        int end = firstWithIdAbove(messages, beforeId - 1);
        return List.of(Arrays.copyOfRange(messages, Math.max(0, end - limit), end));
    }

    private RoomMessage[] messages(String room) {
        var history = rooms.get(room);
        return history == null ? new RoomMessage[0] : history.messages();
    }

    private static int firstWithIdAbove(RoomMessage[] messages, long id) {
        int low = 0;
        int high = messages.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (messages[middle].id() <= id) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void forgetLeastRecentlyWritten() {
        rooms.entrySet().stream()
                .min(Comparator.comparingLong(entry -> entry.getValue().lastWrite()))
                .ifPresent(oldest -> rooms.remove(oldest.getKey()));
    }
}
