package dev.chat.hub;

import dev.chat.domain.Changes;
import dev.chat.domain.Message;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.MessageType;
import dev.chat.domain.RoomMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One room's newest messages in a ring that grows up to its capacity, so a quiet room costs little and a busy one
 * never copies its history to add a message. Ids increase along the ring, so a message is found by binary search.
 * A lock rather than {@code synchronized}, which pins virtual threads on JDK 21; it is held for a copy at most.
 * It counts the bytes its messages take, so that a store can bound them across rooms.
 */
final class RoomHistory {

    private static final int FIRST_CAPACITY = 16;
    /** The objects of one message (the record, its message, the instant, three strings) before their characters. */
    private static final int MESSAGE_OVERHEAD = 160;
    /** A tree node and the string it holds, for each emoji and each user who added it, and the changes' own. */
    private static final int REACTION_OVERHEAD = 80;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private RoomMessage[] ring;
    /** Where the oldest message is. */
    private int start;
    private int size;
    private long bytes;
    private volatile long lastWrite;

    RoomHistory(int capacity) {
        this.capacity = capacity;
        this.ring = new RoomMessage[Math.min(FIRST_CAPACITY, capacity)];
    }

    /**
     * An estimate of the heap a message takes: its objects, and two bytes for each character of its strings (one
     * is enough for Latin-1 text, so this errs on the safe side). The room's name is shared by all its messages.
     */
    static long bytesOf(RoomMessage message) {
        var content = message.message();
        return MESSAGE_OVERHEAD + 2L * (content.content().length() + content.userId().length()
                + content.username().length()) + bytesOf(message.changes());
    }

    /** Each reaction as a user's id in a set, under an emoji. */
    private static long bytesOf(Changes changes) {
        if (changes.isNone()) {
            return 0;
        }
        long bytes = REACTION_OVERHEAD;
        for (var reaction : changes.reactions().entrySet()) {
            bytes += REACTION_OVERHEAD + 2L * reaction.getKey().length();
            for (var user : reaction.getValue()) {
                bytes += REACTION_OVERHEAD + 2L * user.length();
            }
        }
        return bytes;
    }

    /** @return how many bytes the history grew by: the message's, less those of the one it pushed out, if any */
    long append(RoomMessage message, long write) {
        lock.lock();
        try {
            if (size == ring.length && ring.length < capacity) {
                grow();
            }
            long added = bytesOf(message);
            if (size == ring.length) {
                added -= bytesOf(ring[start]);
                ring[start] = message;
                start = (start + 1) % ring.length;
            } else {
                ring[(start + size) % ring.length] = message;
                size++;
            }
            if (message.message().type().amends()) {
                added += amend(message.id(), message.message());
            }
            bytes += added;
            lastWrite = write;
            return added;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies the amendment to the chat it targets, if kept here; a deletion also erases every edit of it.
     *
     * @return how many bytes that changed the history by
     */
    private long amend(long amendmentId, Message amendment) {
        int index = firstWithIdAbove(amendment.target() - 1);
        if (index == size || at(index).id() != amendment.target()) {
            return 0;
        }
        long change = replace(index, at(index).amendedBy(amendmentId, amendment));
        if (amendment.type() == MessageType.DELETE) {
            for (int i = index + 1; i < size; i++) {
                var later = at(i).message();
                if (later.type() == MessageType.EDIT && later.target() == amendment.target()) {
                    change += replace(i, at(i).erased());
                }
            }
        }
        return change;
    }

    private long replace(int index, RoomMessage changed) {
        int slot = (start + index) % ring.length;
        long change = bytesOf(changed) - bytesOf(ring[slot]);
        ring[slot] = changed;
        return change;
    }

    /**
     * Forgets the oldest messages until at least {@code wanted} bytes are free, keeping the newest message so that
     * the room's ids go on from it.
     *
     * @return the bytes freed
     */
    long forgetOldest(long wanted) {
        lock.lock();
        try {
            long freed = 0;
            while (freed < wanted && size > 1) {
                freed += bytesOf(ring[start]);
                ring[start] = null;
                start = (start + 1) % ring.length;
                size--;
            }
            bytes -= freed;
            return freed;
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
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

    /** The newest messages but the changes to chats, which history shows applied. */
    List<RoomMessage> latest(int limit) {
        lock.lock();
        try {
            return shownBefore(size, limit);
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

    /** As {@link #latest}, before the id. */
    List<RoomMessage> before(long beforeId, int limit) {
        lock.lock();
        try {
            return shownBefore(firstWithIdAbove(beforeId - 1), limit);
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code limit} messages before the index, oldest first, leaving out the changes to chats. */
    private List<RoomMessage> shownBefore(int end, int limit) {
        var shown = new ArrayList<RoomMessage>(Math.min(limit, end));
        for (int i = end - 1; i >= 0 && shown.size() < limit; i--) {
            var message = at(i);
            if (!message.message().type().amends()) {
                shown.add(message);
            }
        }
        return shown.reversed();
    }

    /** The user's chats kept here that stand before {@code before}. */
    List<RoomMessage> byUser(String userId, MessagePosition before) {
        lock.lock();
        try {
            var found = new ArrayList<RoomMessage>();
            for (int i = 0; i < size; i++) {
                var kept = at(i);
                if (kept.message().type() == MessageType.CHAT && kept.message().userId().equals(userId)
                        && MessagePosition.of(kept).compareTo(before) < 0) {
                    found.add(kept);
                }
            }
            return found;
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
