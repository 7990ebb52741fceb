package dev.chat.adapter.redis;

import dev.chat.domain.port.needed.ReadMarks;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each user has read each room, in Redis, so that every node of a cluster sees the same marks: a hash per
 * user, room to id. A mark rises in one step of a small script, so two nodes raising the same mark at once keep the
 * higher. They outlive the nodes; whether they outlive Redis is Redis's persistence to say.
 *
 * <p>While Redis cannot be reached, the hub's loop must not fail on a mark: a mark that cannot rise is logged and
 * told to nobody, and one that cannot be read is 0, so the room counts as unread, which is safe.
 */
public final class RedisReadMarks implements ReadMarks {

    /** Raises the field to the id if it is higher; 1 if it rose. */
    private static final String RAISE = """
            local kept = redis.call('HGET', KEYS[1], ARGV[1])
            if kept and tonumber(kept) >= tonumber(ARGV[2]) then
                return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1""";

    private static final Logger LOG = LoggerFactory.getLogger(RedisReadMarks.class);

    private final StatefulRedisConnection<String, String> connection;

    RedisReadMarks(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    static String key(String userId) {
        return "chat:reads:{" + userId + "}";
    }

    @Override
    public boolean markRead(String userId, String room, long id) {
        try {
            Long rose = connection.sync().eval(RAISE, ScriptOutputType.INTEGER, new String[] {key(userId)}, room,
                    Long.toString(id));
            return rose == 1;
        } catch (RuntimeException e) {
            LOG.warn("could not raise a read mark in room {} in Redis: {}", room, e.getMessage());
            return false;
        }
    }

    @Override
    public long lastRead(String userId, String room) {
        try {
            var kept = connection.sync().hget(key(userId), room);
            return kept == null ? 0 : Long.parseLong(kept);
        } catch (RuntimeException e) {
            LOG.warn("could not read a read mark in room {} in Redis: {}", room, e.getMessage());
            return 0;
        }
    }

    @Override
    public Map<String, Long> byUser(String userId) {
        var rooms = new TreeMap<String, Long>();
        connection.sync().hgetall(key(userId)).forEach((room, id) -> rooms.put(room, Long.parseLong(id)));
        return rooms;
    }
}
