package dev.chat.adapter.redis;

import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;

/**
 * The bans and mutes in Redis, where every node of a cluster finds them: one hash, {@code <kind> <userId>} to the
 * sanction as JSON. They outlive the nodes; whether they outlive Redis is Redis's persistence to say. Every call
 * waits at most the cluster's command timeout, then fails, and the hub tells its caller so.
 */
public final class RedisSanctions implements Sanctions {

    static final String KEY = "chat:sanctions";

    private final StatefulRedisConnection<String, String> connection;
    private final BusCodec codec;
    private final Duration timeout;

    RedisSanctions(StatefulRedisConnection<String, String> connection, BusCodec codec, Duration timeout) {
        this.connection = connection;
        this.codec = codec;
        this.timeout = timeout;
    }

    @Override
    public List<Sanction> all() {
        return Answers.await(connection.async().hvals(KEY).toCompletableFuture(), timeout).stream().map(codec::sanction).toList();
    }

    @Override
    public void impose(Sanction sanction) {
        Answers.await(connection.async().hset(KEY, field(sanction.userId(), sanction.kind()), codec.sanction(sanction))
                .toCompletableFuture(), timeout);
    }

    @Override
    public void lift(String userId, Sanction.Kind kind) {
        Answers.await(connection.async().hdel(KEY, field(userId, kind)).toCompletableFuture(), timeout);
    }

    private static String field(String userId, Sanction.Kind kind) {
        return kind.wireName() + " " + userId;
    }
}
