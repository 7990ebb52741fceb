package dev.chat.adapter.redis;

import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.SanctionsContract;
import java.time.Clock;
import java.time.Duration;
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
        node = RedisCluster.open(new RedisSettings(redis.url(), "a", Duration.ofSeconds(5), 1000, 100,
                RedisSettings.DEFAULT_COMMAND_TIMEOUT), Clock.systemUTC());
        return node.sanctions();
    }
}
