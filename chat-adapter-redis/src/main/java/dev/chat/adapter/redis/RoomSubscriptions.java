package dev.chat.adapter.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room channels this node subscribes to: those the hub follows. Lettuce subscribes again after a reconnect only
 * to what Redis had confirmed, so a room followed while the connection was down is subscribed here once it is up.
 */
final class RoomSubscriptions implements RedisConnectionStateListener {

    private final StatefulRedisPubSubConnection<String, String> bus;
    private final Duration timeout;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();

    RoomSubscriptions(StatefulRedisPubSubConnection<String, String> bus, Duration timeout) {
        this.bus = bus;
        this.timeout = timeout;
    }

    /** Returns once Redis confirmed the subscription; the room stays followed even if it could not. */
    void follow(String room) {
        followed.add(room);
        Answers.await(bus.async().subscribe(Channels.room(room)).toCompletableFuture(), timeout);
    }

    void unfollow(String room) {
        followed.remove(room);
        bus.async().unsubscribe(Channels.room(room));
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (connection != bus || followed.isEmpty()) {
            return;
        }
        bus.async().subscribe(followed.stream().map(Channels::room).toArray(String[]::new));
    }
}
