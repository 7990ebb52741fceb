package dev.chat.hub;

import dev.chat.domain.Nonce;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which message each recent nonce named, per sender and room, for as long as the nonce window: a resend with the same
 * nonce is then answered with that message rather than posted again. The window is the same for every entry, so the
 * oldest entries are the first to run out: they are dropped from the front as they do, and past {@code capacity} the
 * oldest goes early. Owned by the loop.
 */
final class Nonces {

    /** About 200 bytes each: a few tens of megabytes at most. */
    static final int DEFAULT_CAPACITY = 200_000;

    private record Key(String room, String userId, Nonce nonce) {}

    private record Posted(long id, Instant at) {}

    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<Key, Posted> recent = new LinkedHashMap<>();

    Nonces(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** The message the sender tagged with this nonce in the room, if within the window. */
    OptionalLong idOf(String room, String userId, Nonce nonce, Instant now) {
        forgetRunOut(now);
        var posted = recent.get(new Key(room, userId, nonce));
        return posted == null ? OptionalLong.empty() : OptionalLong.of(posted.id());
    }

    void posted(String room, String userId, Nonce nonce, long id, Instant now) {
        if (window.isZero()) {
            return;
        }
        recent.putIfAbsent(new Key(room, userId, nonce), new Posted(id, now));
        if (recent.size() > capacity) {
            recent.pollFirstEntry();
        }
    }

    private void forgetRunOut(Instant now) {
        for (Iterator<Map.Entry<Key, Posted>> oldest = recent.entrySet().iterator(); oldest.hasNext(); ) {
            if (oldest.next().getValue().at().plus(window).isAfter(now)) {
                return;
            }
            oldest.remove();
        }
    }
}
