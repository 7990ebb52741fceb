package dev.chat.hub;

import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link Sanctions}: in memory, so bans and mutes end with the process. Safe from any thread. */
public final class InMemorySanctions implements Sanctions {

    private record Key(String userId, Sanction.Kind kind) {}

    private final Map<Key, Sanction> kept = new ConcurrentHashMap<>();

    @Override
    public List<Sanction> all() {
        return List.copyOf(kept.values());
    }

    @Override
    public void impose(Sanction sanction) {
        kept.put(new Key(sanction.userId(), sanction.kind()), sanction);
    }

    @Override
    public void lift(String userId, Sanction.Kind kind) {
        kept.remove(new Key(userId, kind));
    }
}
