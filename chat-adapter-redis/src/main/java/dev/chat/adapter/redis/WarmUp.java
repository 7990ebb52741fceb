package dev.chat.adapter.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Redis, before a node serves anyone, the reads a reconnect storm sends it, and decodes the frames such a storm
 * brings back, all on a room and a user that cannot exist: nothing changes in Redis, and the JIT has compiled
 * Lettuce's path and the bus's decoding before the first clients wait on them. The server's own warm-up drives a
 * throwaway hub without Redis, so it cannot.
 */
final class WarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    /** A room and user no client can name: room names and user ids are printable. */
    private static final String NOBODY = "\u0000warm-up";
    private static final String FRAME = "R warm-up 1 {\"type\":\"JOIN\",\"userId\":\"warm-up\",\"username\":\"warm-up\","
            + "\"ts\":\"2026-01-01T00:00:00Z\",\"room\":\"warm-up\"}";
    /** Reads in flight at once: a few hundred, as a storm has. */
    private static final int IN_FLIGHT = 300;

    private final StatefulRedisConnection<String, String> connection;
    private final ChatScript script;
    private final BusCodec codec;
    private final Duration timeout;

    WarmUp(StatefulRedisConnection<String, String> connection, ChatScript script, BusCodec codec, Duration timeout) {
        this.connection = connection;
        this.script = script;
        this.codec = codec;
        this.timeout = timeout;
    }

    /**
     * {@code rounds} of each read: the script's unread count, a room's offset, a user's marks. A warm-up that Redis
     * stops answering ends early, since a start should not fail for what is only a head start.
     *
     * @return the rounds done
     */
    int run(int rounds) {
        var pending = new ArrayList<CompletableFuture<?>>();
        int round = 0;
        try {
            for (; round < rounds; round++) {
                pending.add(script.run(ScriptOutputType.INTEGER, "unread", "", NOBODY, NOBODY, "0", "100"));
                pending.add(connection.async().get(RedisHistory.key(NOBODY, "offset")).toCompletableFuture());
                pending.add(connection.async().hgetall(RedisReadMarks.key(NOBODY)).toCompletableFuture());
                codec.frame(FRAME);
                if (pending.size() >= IN_FLIGHT || round == rounds - 1) {
                    pending.forEach(answer -> Answers.await(answer, timeout));
                    pending.clear();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the warm-up of the path to Redis stopped after {} rounds: {}", round, e.getMessage());
        }
        return round;
    }
}
