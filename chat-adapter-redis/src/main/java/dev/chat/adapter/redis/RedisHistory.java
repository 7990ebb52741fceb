package dev.chat.adapter.redis;

import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each room's newest messages as the cluster keeps them: a Redis stream per room, bounded, whose entry
 * {@code <id>-1} is the message with that id. Reads only: the script appends to the stream in the same step that
 * numbers and publishes a message. A read Redis cannot answer is logged and answered empty, so that a tiered store
 * asks its durable store instead.
 */
public final class RedisHistory implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHistory.class);

    private final StatefulRedisConnection<String, String> connection;
    private final BusCodec codec;

    RedisHistory(StatefulRedisConnection<String, String> connection, BusCodec codec) {
        this.connection = connection;
        this.codec = codec;
    }

    /** A room's key as {@code chat.lua} names it. */
    static String key(String room, String part) {
        return "chat:room:{" + room + "}:" + part;
    }

    /** Already kept: the message was appended to its room's stream by the step that numbered it. */
    @Override
    public void append(RoomMessage message) {
        // Nothing left to do: see above.
    }

    /** Zero if Redis cannot say: the tiered store in front asks its durable store for the last id anyway. */
    @Override
    public long lastId(String room) {
        try {
            var offset = connection.sync().get(key(room, "offset"));
            return offset == null ? 0 : Long.parseLong(offset);
        } catch (RuntimeException e) {
            LOG.warn("could not read where room {} is in Redis: {}", room, e.getMessage());
            return 0;
        }
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        return read(room, () -> connection.sync().xrevrange(key(room, "history"), Range.unbounded(),
                Limit.from(limit)).reversed());
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        return read(room, () -> connection.sync().xrange(key(room, "history"),
                Range.from(Range.Boundary.including(entry(afterId + 1)), Range.Boundary.unbounded()),
                Limit.from(limit)));
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        if (beforeId <= 1) {
            return List.of();
        }
        return read(room, () -> connection.sync().xrevrange(key(room, "history"),
                Range.from(Range.Boundary.unbounded(), Range.Boundary.including(entry(beforeId - 1))),
                Limit.from(limit)).reversed());
    }

    /** Redis keeps rooms, not users: a user's history comes from the durable store. */
    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return List.of();
    }

    private List<RoomMessage> read(String room, java.util.function.Supplier<List<StreamMessage<String, String>>> entries) {
        try {
            return entries.get().stream()
                    .map(entry -> codec.roomMessage(id(entry.getId()), entry.getBody().get("m")))
                    .toList();
        } catch (RuntimeException e) {
            LOG.warn("could not read the history of room {} in Redis: {}", room, e.getMessage());
            return List.of();
        }
    }

    private static String entry(long id) {
        return id + "-1";
    }

    private static long id(String entry) {
        return Long.parseLong(entry, 0, entry.indexOf('-'), 10);
    }
}
