package dev.chat.adapter.redis;

import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.SanctionsContract;
import org.junit.jupiter.api.AfterEach;

/** Bans and mutes in Redis do what every store of them does. */
class RedisSanctionsTest extends SanctionsContract {

    private final LocalRedis redis = LocalRedis.start();
    private RedisCluster node;

    @AfterEach
    void stop() {
        node.close();
        redis.close();
    }

    @Override
    protected Sanctions newSanctions() {
        node = redis.node("a");
        return node.sanctions();
    }
}
