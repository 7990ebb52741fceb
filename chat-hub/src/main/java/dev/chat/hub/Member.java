package dev.chat.hub;

import dev.chat.domain.Identity;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.Text;
import java.util.ArrayList;
import java.util.List;
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

    /** @param onBroken runs on the outbox's writer thread once the connection has failed */
    Member(Identity identity, RoomAccess access, Outbox.Factory outboxes, Consumer<Member> onBroken) {
        this.identity = identity;
        this.access = access;
        this.outbox = outboxes.create(() -> onBroken.accept(this));
    }

    Identity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "Member[" + Text.loggable(identity.userId()) + "]";
    }
}
