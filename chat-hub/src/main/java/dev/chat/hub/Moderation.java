package dev.chat.hub;

import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bans and mutes in force, as the hub checks them: on every post and connection in the loop, and on every
 * upgrade from the transport's threads. Only the loop changes them, each time by publishing a new immutable map,
 * which any thread may read.
 */
final class Moderation {

    private record Key(String userId, Sanction.Kind kind) {}

    private final Clock clock;
    private volatile Map<Key, Sanction> inForce;

    Moderation(List<Sanction> kept, Clock clock) {
        this.clock = clock;
        this.inForce = index(kept);
    }

    /** The user's sanction of this kind, if one holds now; from any thread. The clock is read only if there is one. */
    Optional<Sanction> holding(String userId, Sanction.Kind kind) {
        return Optional.ofNullable(inForce.get(new Key(userId, kind))).filter(sanction -> sanction.holdsAt(
                clock.instant()));
    }

    /** By the loop only. */
    void apply(SanctionChange change) {
        var next = new HashMap<>(inForce);
        switch (change) {
            case SanctionChange.Imposed(var sanction) -> next.put(new Key(sanction.userId(), sanction.kind()), sanction);
            case SanctionChange.Lifted(var userId, var kind) -> next.remove(new Key(userId, kind));
        }
        inForce = Map.copyOf(next);
    }

    /** By the loop only: every sanction, as the store has them after this node may have missed a change. */
    void replaceAll(List<Sanction> kept) {
        inForce = index(kept);
    }

    private static Map<Key, Sanction> index(List<Sanction> sanctions) {
        var byKey = new HashMap<Key, Sanction>();
        sanctions.forEach(sanction -> byKey.put(new Key(sanction.userId(), sanction.kind()), sanction));
        return Map.copyOf(byKey);
    }
}
