package dev.chat.hub;

import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store of a host's own, here in front of the in-memory store, to see what the hub keeps and how often it reads. */
final class RecordingStore implements MessageStore {

    final List<RoomMessage> appended = new CopyOnWriteArrayList<>();
    /** The limit of each read of a room's messages before an id: a newcomer's history, or a page of an unread count. */
    final List<Integer> readsBefore = new CopyOnWriteArrayList<>();
    private final MessageStore kept = new InMemoryMessageStore();

    @Override
    public void append(RoomMessage message) {
        appended.add(message);
        kept.append(message);
    }

    @Override
    public long lastId(String room) {
        return kept.lastId(room);
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        return kept.latest(room, limit);
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        return kept.after(room, afterId, limit);
    }

    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return kept.byUser(userId, before, limit);
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        readsBefore.add(limit);
        return kept.before(room, beforeId, limit);
    }
}
