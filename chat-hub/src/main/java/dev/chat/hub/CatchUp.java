package dev.chat.hub;

import dev.chat.domain.MessageStore;
import dev.chat.domain.RoomMessage;
import java.util.List;

/**
 * What a connection entering a room is sent from its history.
 *
 * @param recovered for a resume, whether every message since the client's last one was still there; null otherwise
 */
record CatchUp(List<RoomMessage> messages, Boolean recovered) {

    static CatchUp of(Room room, Long since, MessageStore store, RoomLimits limits) {
        if (since == null) {
            return new CatchUp(store.latest(room.name, limits.historyOnJoin()), null);
        }
        long last = room.lastId();
        if (since == last) {
            return new CatchUp(List.of(), true);
        }
        if (since > last) {
            // An id this room never reached: the server's memory is younger than the client's.
            return new CatchUp(store.latest(room.name, limits.historyOnJoin()), false);
        }
        var missed = store.after(room.name, since, limits.maxCatchUp());
        boolean complete = !missed.isEmpty() && missed.getFirst().id() == since + 1 && missed.getLast().id() == last;
        return new CatchUp(missed, complete);
    }
}
