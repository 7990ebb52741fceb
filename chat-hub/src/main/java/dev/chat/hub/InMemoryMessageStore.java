package dev.chat.hub;

import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link MessageStore}: the newest {@code perRoom} messages of each room, in memory, for at most
 * {@code maxRooms} rooms (the room written to least recently is forgotten first). Safe from any thread: the loop
 * appends while HTTP threads read.
 */
public final class InMemoryMessageStore implements MessageStore {

    /**
     * Enough for a client closed as too slow to resume: a full default send queue of 1 MiB holds at most about 9 000
     * of a room's messages (the smallest is 116 bytes), and the room may move on by as many again before it is back.
     */
    public static final int DEFAULT_PER_ROOM = 20_000;
    public static final int DEFAULT_MAX_ROOMS = 10_000;

    private final int perRoom;
    private final int maxRooms;
    private final ConcurrentHashMap<String, RoomHistory> rooms = new ConcurrentHashMap<>();
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
        var history = rooms.get(message.room());
        if (history == null) {
            if (rooms.size() >= maxRooms) {
                forgetLeastRecentlyWritten();
            }
            history = new RoomHistory(perRoom);
            rooms.put(message.room(), history);
        }
        history.append(message, ++writes);
    }

    @Override
    public long lastId(String room) {
        var history = rooms.get(room);
        return history == null ? 0 : history.lastId();
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        var history = rooms.get(room);
        return history == null ? List.of() : history.latest(limit);
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        var history = rooms.get(room);
        return history == null ? List.of() : history.after(afterId, limit);
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        var history = rooms.get(room);
        return history == null ? List.of() : history.before(beforeId, limit);
    }

    private void forgetLeastRecentlyWritten() {
        rooms.entrySet().stream()
                .min(Comparator.comparingLong(entry -> entry.getValue().lastWrite()))
                .ifPresent(oldest -> rooms.remove(oldest.getKey()));
    }
}
