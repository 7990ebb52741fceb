package dev.chat.adapter.redis;

import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;

/**
 * The bans and mutes in Redis, where every node of a cluster finds them: one hash on the server that keeps the
 * user, {@code <kind> <userId>} to the sanction as JSON. They outlive the nodes; whether they outlive Redis is
 * Redis's persistence to say. Every call waits at most the cluster's command timeout, then fails, and the hub tells
 * its caller so.
 */
public final class RedisSanctions implements Sanctions {

    static final String KEY = "chat:sanctions";

    private final Shards<Shard> shards;
    private final BusCodec codec;
    private final Duration timeout;

    RedisSanctions(Shards<Shard> shards, BusCodec codec, Duration timeout) {
        this.shards = shards;
        this.codec = codec;
        this.timeout = timeout;
    }

    /** From every server, each keeping its users': fails if one cannot say, since a ban left out would not hold. */
    @Override
    public List<Sanction> all() {
        return shards.all().stream()
                .flatMap(shard -> Answers.await(shard.connection().async().hvals(KEY).toCompletableFuture(), timeout)
                        .stream())
                .map(codec::sanction)
                .toList();
    }

    @Override
    public void impose(Sanction sanction) {
        Answers.await(redis(sanction.userId()).hset(KEY, field(sanction.userId(), sanction.kind()), codec.sanction(sanction))
                .toCompletableFuture(), timeout);
    }

    @Override
    public void lift(String userId, Sanction.Kind kind) {
        Answers.await(redis(userId).hdel(KEY, field(userId, kind)).toCompletableFuture(), timeout);
    }

    private RedisAsyncCommands<String, String> redis(String userId) {
        return shards.of(userId).connection().async();
    }

    private static String field(String userId, Sanction.Kind kind) {
        return kind.wireName() + " " + userId;
    }
}
