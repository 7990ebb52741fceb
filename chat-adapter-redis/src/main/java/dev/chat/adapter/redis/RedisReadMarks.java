package dev.chat.adapter.redis;

import dev.chat.domain.port.needed.ReadMarks;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each user has read each room, in Redis, so that every node of a cluster sees the same marks: a hash per
 * user, room to id. A mark rises in one step of the cluster's script ({@code chat.lua}'s read operation), so two
 * nodes raising the same mark at once keep the higher. They outlive the nodes; whether they outlive Redis is Redis's persistence to say.
 *
 * <p>While Redis cannot be reached, the hub's loop must not fail on a mark: a mark that cannot rise is logged and
 * told to nobody.
 */
public final class RedisReadMarks implements ReadMarks {

    private static final Logger LOG = LoggerFactory.getLogger(RedisReadMarks.class);

    private final Shards<Shard> shards;
    private final String node;
    private final Duration timeout;

    RedisReadMarks(Shards<Shard> shards, String node, Duration timeout) {
        this.shards = shards;
        this.node = node;
        this.timeout = timeout;
    }

    /** A user's marks as {@code chat.lua}'s read operation names them. */
    static String key(String userId) {
        return "chat:reads:{" + userId + "}";
    }

    @Override
    public boolean markRead(String userId, String room, long id) {
        try {
            Long rose = Answers.await(shards.of(userId).script().<Long>run(ScriptOutputType.INTEGER, "read", node, userId, room,
                    Long.toString(id)), timeout);
            return rose == 1;
        } catch (RuntimeException e) {
            LOG.warn("could not raise a read mark in room {} in Redis: {}", room, e.getMessage());
            return false;
        }
    }

    @Override
    public Map<String, Long> byUser(String userId) {
        var rooms = new TreeMap<String, Long>();
        shards.of(userId).connection().sync().hgetall(key(userId))
                .forEach((room, id) -> rooms.put(room, Long.parseLong(id)));
        return rooms;
    }
}
