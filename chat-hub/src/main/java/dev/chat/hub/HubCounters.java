package dev.chat.hub;

import dev.chat.domain.HubStats;
import dev.chat.domain.MessageType;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/** The hub's running totals: written by the loop only, volatile so that any thread may read them. */
final class HubCounters {

    private static final MessageType[] TYPES = MessageType.values();

    private final AtomicLongArray byType = new AtomicLongArray(TYPES.length);
    private final IntSupplier inboxDepth;
    private volatile int clients;
    private volatile int users;
    private volatile int rooms;
    private volatile long messages;
    private volatile long deliveries;
    private volatile long dropped;
    private volatile long closedTooSlow;
    private volatile long closedSendFailed;

    HubCounters(IntSupplier inboxDepth) {
        this.inboxDepth = inboxDepth;
    }

    void clients(int count, int distinctUsers) {
        clients = count;
        users = distinctUsers;
    }

    void rooms(int count) {
        rooms = count;
    }

    /** A message this node published: in a cluster, every message is counted by one node only, its publisher's. */
    void message(MessageType type) {
        messages++;
        byType.lazySet(type.ordinal(), byType.get(type.ordinal()) + 1);
    }

    void delivered(int recipients) {
        deliveries += recipients;
    }

    void drop() {
        dropped++;
    }

    void closedTooSlow() {
        closedTooSlow++;
    }

    void closedSendFailed() {
        closedSendFailed++;
    }

    int clients() {
        return clients;
    }

    long count(MessageType type) {
        return byType.get(type.ordinal());
    }

    HubStats snapshot() {
        var perType = new EnumMap<MessageType, Long>(MessageType.class);
        for (var type : TYPES) {
            perType.put(type, count(type));
        }
        return new HubStats(clients, messages, dropped, closedTooSlow, closedSendFailed, users, rooms, deliveries,
                perType, inboxDepth.getAsInt());
    }
}
