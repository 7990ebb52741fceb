package dev.chat.hub;

import dev.chat.domain.Availability;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import java.util.List;

/**
 * A hot store in memory in front of a durable one: every message goes to both; a read is answered from memory when
 * memory holds all of the answer, which is the common case (a newcomer's last messages, a resume after a short
 * absence), and from the durable store when it does not (after a restart, or further back than memory reaches).
 * Safe from any thread if both stores are.
 */
public final class TieredMessageStore implements MessageStore {

    private final MessageStore hot;
    private final MessageStore durable;

    public TieredMessageStore(MessageStore hot, MessageStore durable) {
        this.hot = hot;
        this.durable = durable;
    }

    @Override
    public void append(RoomMessage message) {
        hot.append(message);
        durable.append(message);
    }

    /** The durable store's: it has every message memory has, and it alone knows what came before a restart. */
    @Override
    public long lastId(String room) {
        return durable.lastId(room);
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        var fromMemory = hot.latest(room, limit);
        return fromMemory.size() == limit ? fromMemory : durable.latest(room, limit);
    }

    /** Memory holds the answer if it holds the message right after {@code afterId}, or nothing is newer. */
    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        var fromMemory = hot.after(room, afterId, limit);
        return isWhole(room, afterId, fromMemory) ? fromMemory : durable.after(room, afterId, limit);
    }

    private boolean holdsAllAfter(String room, long afterId) {
        return isWhole(room, afterId, hot.after(room, afterId, 1));
    }

    private boolean isWhole(String room, long afterId, List<RoomMessage> fromMemory) {
        return fromMemory.isEmpty() ? hot.lastId(room) == afterId && afterId > 0
                : fromMemory.getFirst().id() == afterId + 1;
    }

    /**
     * From memory when it counts to the cap, or holds every message after {@code afterId}; from the durable store
     * otherwise, as after a restart. Counted on the loop whenever a user enters a room it has not read to the end.
     */
    @Override
    public int unread(String room, String userId, long afterId, int cap) {
        int fromMemory = hot.unread(room, userId, afterId, cap);
        return fromMemory == cap || holdsAllAfter(room, afterId) ? fromMemory
                : durable.unread(room, userId, afterId, cap);
    }

    /** From the durable store alone: memory holds only each room's newest, so it cannot tell what came before. */
    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return durable.byUser(userId, before, limit);
    }

    @Override
    public Availability state() {
        return durable.state();
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        var fromMemory = hot.before(room, beforeId, limit);
        return fromMemory.size() == limit ? fromMemory : durable.before(room, beforeId, limit);
    }
}
