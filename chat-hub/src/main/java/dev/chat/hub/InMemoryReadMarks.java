package dev.chat.hub;

import dev.chat.domain.port.needed.ReadMarks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link ReadMarks}: in memory, so lost on restart, and bounded: past {@code capacity} marks the one used
 * longest ago goes, and its user sees that room as unread again from the start. Safe from any thread.
 */
public final class InMemoryReadMarks implements ReadMarks {

    /** About 100 MB of marks at most. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Long> marks;

    private record Key(String userId, String room) {}

    public InMemoryReadMarks() {
        this(DEFAULT_CAPACITY);
    }

    public InMemoryReadMarks(int capacity) {
        this.marks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public boolean markRead(String userId, String room, long id) {
        lock.lock();
        try {
            var key = new Key(userId, room);
            if (marks.getOrDefault(key, 0L) >= id) {
                return false;
            }
            marks.put(key, id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** By looking through every mark: enough for what memory holds, and the durable ones have an index. */
    @Override
    public Map<String, Long> byUser(String userId) {
        lock.lock();
        try {
            var rooms = new TreeMap<String, Long>();
            marks.forEach((key, id) -> {
                if (key.userId().equals(userId)) {
                    rooms.put(key.room(), id);
                }
            });
            return rooms;
        } finally {
            lock.unlock();
        }
    }
}
