package dev.chat.client;

import java.util.HashMap;
import java.util.Map;

/** The newest message id seen in each room: each id is handed on once, and a resume starts after it. */
final class Cursor {

    private final Map<String, Long> lastIds = new HashMap<>();

    /** True if the id is past the last one seen in the room, which it then is. */
    boolean advance(String room, String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException notAnId) {
            return true;
        }
        if (number <= lastIds.getOrDefault(room, 0L)) {
            return false;
        }
        lastIds.put(room, number);
        return true;
    }

    /** The last id seen in the room; 0 for none. */
    long since(String room) {
        return lastIds.getOrDefault(room, 0L);
    }

    void forget(String room) {
        lastIds.remove(room);
    }
}
