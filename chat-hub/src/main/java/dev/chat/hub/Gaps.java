package dev.chat.hub;

import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.WireFormat;
import java.util.function.BiConsumer;

/**
 * What a room's members here are given when a message reaches this node after a gap (it lost the cluster's stream for
 * a while): what history still holds of the gap, and, if that is not all of it, word that they may have missed some.
 * Owned by the loop.
 */
final class Gaps {

    private final MessageStore store;
    private final Sharing sharing;
    private final RoomLimits limits;
    private final Presence presence;
    private final FanOut fanOut;

    Gaps(MessageStore store, Sharing sharing, RoomLimits limits, Presence presence, FanOut fanOut) {
        this.store = store;
        this.sharing = sharing;
        this.limits = limits;
        this.presence = presence;
        this.fanOut = fanOut;
    }

    /**
     * Delivers what history still holds between the room's last message here and {@code nextId}. If that is not
     * all of it, the room's members are told, with a presence message that says {@code recovered:false}, that they
     * may have missed messages, which they can page back to.
     */
    void fill(Room room, long nextId, BiConsumer<Room, RoomMessage> deliver) {
        long from = room.lastId();
        if (from == 0) {
            // The cluster knew no message of the room when it was made here: a brand-new room, whose first id comes
            // from the clock, or one made while the cluster could not say. Its members were sent the history there
            // was on entering, so only a message kept before this one would mean they missed something.
            if (!store.before(room.name, nextId, 1).isEmpty()) {
                tellMissedSome(room);
            }
            return;
        }
        long missing = nextId - from - 1;
        var found = store.after(room.name, from, (int) Math.min(missing, limits.maxCatchUp())).stream()
                .filter(message -> message.id() < nextId)
                .toList();
        for (var message : found) {
            room.advanceTo(message.id());
            deliver.accept(room, message);
        }
        boolean whole = found.size() == missing && (found.isEmpty() || found.getFirst().id() == from + 1);
        if (!whole) {
            tellMissedSome(room);
        }
    }

    private void tellMissedSome(Room room) {
        room.recentStale();
        var users = sharing.users(room.name).orElseGet(room::users);
        fanOut.toRoom(room, WireFormat.presence(room.name, users.size(),
                users.stream().limit(Math.max(presence.limit(), 1)).toList(), false));
    }
}
