package dev.chat.hub;

import dev.chat.domain.RoomMessage;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One room's newest messages in a ring that grows up to its capacity, so a quiet room costs little and a busy one
 * never copies its history to add a message. Ids increase along the ring, so a message is found by binary search.
 * A lock rather than {@code synchronized}, which pins virtual threads on JDK 21; it is held for a copy at most.
 */
final class RoomHistory {

    private static final int FIRST_CAPACITY = 16;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private RoomMessage[] ring;
    /** Where the oldest message is. */
    private int start;
    private int size;
    private volatile long lastWrite;

    RoomHistory(int capacity) {
        this.capacity = capacity;
        this.ring = new RoomMessage[Math.min(FIRST_CAPACITY, capacity)];
    }

    void append(RoomMessage message, long write) {
        lock.lock();
        try {
            if (size == ring.length && ring.length < capacity) {
                grow();
            }
            if (size == ring.length) {
                ring[start] = message;
                start = (start + 1) % ring.length;
            } else {
                ring[(start + size) % ring.length] = message;
                size++;
            }
            lastWrite = write;
        } finally {
            lock.unlock();
        }
    }

    long lastWrite() {
        return lastWrite;
    }

    long lastId() {
        lock.lock();
        try {
            return size == 0 ? 0 : at(size - 1).id();
        } finally {
            lock.unlock();
        }
    }

    List<RoomMessage> latest(int limit) {
        lock.lock();
        try {
            return copy(Math.max(0, size - limit), size);
        } finally {
            lock.unlock();
        }
    }

    List<RoomMessage> after(long afterId, int limit) {
        lock.lock();
        try {
            int from = firstWithIdAbove(afterId);
            return copy(from, Math.min(size, from + limit));
        } finally {
            lock.unlock();
        }
    }

    List<RoomMessage> before(long beforeId, int limit) {
        lock.lock();
        try {
            int end = firstWithIdAbove(beforeId - 1);
            return copy(Math.max(0, end - limit), end);
        } finally {
            lock.unlock();
        }
    }

    /** The i-th oldest message. */
    private RoomMessage at(int index) {
        return ring[(start + index) % ring.length];
    }

    private List<RoomMessage> copy(int from, int to) {
        var copy = new RoomMessage[Math.max(0, to - from)];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = at(from + i);
        }
        return List.of(copy);
    }

    private int firstWithIdAbove(long id) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (at(middle).id() <= id) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void grow() {
        var bigger = new RoomMessage[(int) Math.min(capacity, 2L * ring.length)];
        for (int i = 0; i < size; i++) {
            bigger[i] = at(i);
        }
        ring = bigger;
        start = 0;
    }
}
