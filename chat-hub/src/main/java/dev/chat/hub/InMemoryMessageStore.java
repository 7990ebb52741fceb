package dev.chat.hub;

import dev.chat.domain.MessageIds;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link MessageStore}: each room's newest messages in memory, within three bounds. At most
 * {@code perRoom} messages a room; at most {@code maxRooms} rooms, and past that the rooms with the fewest messages
 * go first, so that a flood of one-message rooms cannot push out a room people use; and at most {@code maxBytes}
 * over all rooms (as {@link RoomHistory#bytesOf} estimates them), and past that the room holding the most gives
 * back its oldest messages first, so that a few huge messages cannot push out every other room.
 *
 * <p>A bound reached gives back a tenth of itself at once, so the scan it takes is paid once per tenth, not once per
 * message. Safe from any thread: the loop appends while HTTP threads read.
 *
 * <p>A room this store does not know numbers on from its floor, so that an id a client saw before the room was
 * forgotten is never given to another message: the floor starts at the origin it was made with and rises to the
 * last id of every room it forgets. A store made {@link #numberedFromNow numbered from now} starts above every id
 * an earlier run of the process can have given, so that across a restart a resume with an old id is told it did
 * not recover, never served the new messages that took the old numbers.
 */
public final class InMemoryMessageStore implements MessageStore {

    /**
     * Enough for a client closed as too slow to resume: a full default send queue of 1 MiB holds at most about 9 000
     * of a room's messages (the smallest is 116 bytes), and the room may move on by as many again before it is back.
     */
    public static final int DEFAULT_PER_ROOM = 20_000;
    public static final int DEFAULT_MAX_ROOMS = 10_000;
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private static final Comparator<Map.Entry<String, RoomHistory>> QUIETEST_FIRST = Comparator
            .<Map.Entry<String, RoomHistory>>comparingInt(entry -> entry.getValue().size())
            .thenComparingLong(entry -> entry.getValue().lastWrite());

    private final int perRoom;
    private final int maxRooms;
    private final long maxBytes;
    private final ConcurrentHashMap<String, RoomHistory> rooms = new ConcurrentHashMap<>();
    private volatile long floor;
    /** Written by the appending thread only, as are the two below. */
    private long bytes;
    private long writes;

    public InMemoryMessageStore() {
        this(DEFAULT_PER_ROOM, DEFAULT_MAX_ROOMS, DEFAULT_MAX_BYTES);
    }

    public InMemoryMessageStore(int perRoom, int maxRooms) {
        this(perRoom, maxRooms, DEFAULT_MAX_BYTES);
    }

    public InMemoryMessageStore(int perRoom, int maxRooms, long maxBytes) {
        this(perRoom, maxRooms, maxBytes, 0);
    }

    /** @param origin the last id of every room not yet written; rooms number on from it */
    public InMemoryMessageStore(int perRoom, int maxRooms, long maxBytes, long origin) {
        if (perRoom < 1 || maxRooms < 1 || maxBytes < 1 || origin < 0) {
            throw new IllegalArgumentException("a store keeps at least one message of one room, from origin 0 up");
        }
        this.perRoom = perRoom;
        this.maxRooms = maxRooms;
        this.maxBytes = maxBytes;
        this.floor = origin;
    }

    /** A store whose rooms number on from the clock's {@link MessageIds#origin}. */
    public static InMemoryMessageStore numberedFromNow(Clock clock, int perRoom, int maxRooms, long maxBytes) {
        return new InMemoryMessageStore(perRoom, maxRooms, maxBytes, MessageIds.origin(clock.instant()));
    }

    @Override
    public void append(RoomMessage message) {
        var history = rooms.get(message.room());
        if (history == null) {
            if (rooms.size() >= maxRooms) {
                forgetQuietestRooms();
            }
            history = new RoomHistory(perRoom);
            rooms.put(message.room(), history);
        }
        bytes += history.append(message, ++writes);
        if (bytes > maxBytes) {
            trimLargestRooms();
        }
    }

    @Override
    public long lastId(String room) {
        var history = rooms.get(room);
        return history == null ? floor : history.lastId();
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

    /** By looking through every room: enough for what memory holds, and the durable stores have an index. */
    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return rooms.values().stream().flatMap(history -> history.byUser(userId, before).stream())
                .sorted(Comparator.comparing(MessagePosition::of).reversed()).limit(limit)
                .sorted(Comparator.comparing(MessagePosition::of)).toList();
    }

    /** The estimated bytes of every message kept. */
    public long bytes() {
        return bytes;
    }

    private void forgetQuietestRooms() {
        long count = Math.max(1, maxRooms / 10);
        for (var quiet : rooms.entrySet().stream().sorted(QUIETEST_FIRST).limit(count).toList()) {
            rooms.remove(quiet.getKey());
            bytes -= quiet.getValue().bytes();
            floor = Math.max(floor, quiet.getValue().lastId());
        }
    }

    /** Down to nine tenths of the bound, taking from the largest room each time, until only newest messages are left. */
    private void trimLargestRooms() {
        long target = maxBytes - maxBytes / 10;
        while (bytes > target) {
            var largest = rooms.values().stream().filter(history -> history.size() > 1)
                    .max(Comparator.comparingLong(RoomHistory::bytes));
            if (largest.isEmpty()) {
                return;
            }
            var room = largest.get();
            bytes -= room.forgetOldest(Math.min(bytes - target, Math.max(1, room.bytes() / 2)));
        }
    }
}
