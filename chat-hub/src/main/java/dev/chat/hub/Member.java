package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One connection as the loop sees it: who it is, which rooms it may use, the outbox its messages wait in, and the
 * rooms it is in.
 */
final class Member {

    private final Identity identity;
    final Outbox outbox;

    /** Touched by the event loop only. */
    final List<Room> rooms = new ArrayList<>();

    /** Touched by the event loop only, after the member is created. */
    RoomAccess access;

    /**
     * How far its user had read each room when it connected, raised since by every mark this node heard of; touched
     * by the event loop only, after the member is created. Entering a room then asks the read marks nothing.
     */
    private final Map<String, Long> readMarks;

    /** @param onBroken runs on the outbox's writer thread once the connection has failed */
    Member(Identity identity, RoomAccess access, Map<String, Long> readMarks, Outbox.Factory outboxes,
            Consumer<Member> onBroken) {
        this.identity = identity;
        this.access = access;
        this.readMarks = new HashMap<>(readMarks);
        this.outbox = outboxes.create(() -> onBroken.accept(this));
    }

    long lastRead(String room) {
        return readMarks.getOrDefault(room, 0L);
    }

    void markRead(String room, long id) {
        readMarks.merge(room, id, Math::max);
    }

    Identity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "Member[" + Text.loggable(identity.userId()) + "]";
    }
}
