package dev.chat.adapter.redis;

import dev.chat.domain.MessagePosition;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each room's newest messages as the cluster keeps them: a Redis stream per room, bounded, whose entry
 * {@code <id>-1} is the message with that id. Reads only: the script appends to the stream in the same step that
 * numbers and publishes a message. A read Redis cannot answer is logged and answered empty, so that a tiered store
 * asks its durable store instead.
 *
 * <p>A chat changed since (edited, deleted, reacted to) is kept as it is now in the room's {@code now} hash, its id in
 * the {@code changed} sorted set; a deleted chat and its edits are out of the stream altogether, so that no text of
 * theirs is left in it. Each read merges what is changed within the ids it covers over what the stream returned.
 */
public final class RedisHistory implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHistory.class);

    /** Stream entries read at a time while paging back. */
    private static final int PAGE = 500;

    private final Shards<Shard> shards;
    private final BusCodec codec;
    private final Duration timeout;

    RedisHistory(Shards<Shard> shards, BusCodec codec, Duration timeout) {
        this.shards = shards;
        this.codec = codec;
        this.timeout = timeout;
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
            var offset = redis(room).get(key(room, "offset"));
            return offset == null ? 0 : Long.parseLong(offset);
        } catch (RuntimeException e) {
            LOG.warn("could not read where room {} is in Redis: {}", room, e.getMessage());
            return 0;
        }
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        return before(room, Long.MAX_VALUE, limit);
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        return read(room, () -> {
            var found = decoded(redis(room).xrange(key(room, "history"),
                    Range.from(Range.Boundary.including(entry(afterId + 1)), Range.Boundary.unbounded()),
                    Limit.from(limit)));
            long upTo = found.size() < limit ? Long.MAX_VALUE : found.getLast().id();
            return withChanged(room, found, afterId + 1, upTo).stream().limit(limit).toList();
        });
    }

    /** Read back a page of the stream at a time, leaving out the changes to chats, which the chats show applied. */
    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        if (beforeId <= 1) {
            return List.of();
        }
        return read(room, () -> {
            var shown = new ArrayList<RoomMessage>(limit);
            long upTo = beforeId - 1;
            while (shown.size() < limit && upTo >= 1) {
                var end = upTo == Long.MAX_VALUE - 1 ? Range.Boundary.<String>unbounded()
                        : Range.Boundary.including(entry(upTo));
                var found = decoded(redis(room).xrevrange(key(room, "history"),
                        Range.from(Range.Boundary.unbounded(), end), Limit.from(PAGE)).reversed());
                long from = found.size() < PAGE ? 1 : found.getFirst().id();
                for (var message : withChanged(room, found, from, upTo).reversed()) {
                    if (!message.message().type().amends() && shown.size() < limit) {
                        shown.add(message);
                    }
                }
                if (found.size() < PAGE) {
                    break;
                }
                upTo = from - 1;
            }
            return shown.reversed();
        });
    }

    /** The messages found, with every changed one of ids {@code from} to {@code upTo} as it is now, in id order. */
    private List<RoomMessage> withChanged(String room, List<RoomMessage> found, long from, long upTo) {
        var changed = redis(room).zrangebyscore(key(room, "changed"), Range.create(from, upTo));
        if (changed.isEmpty()) {
            return found;
        }
        var byId = new TreeMap<Long, RoomMessage>();
        found.forEach(message -> byId.put(message.id(), message));
        for (var now : redis(room).hmget(key(room, "now"), changed.toArray(String[]::new))) {
            if (now.hasValue()) {
                long id = Long.parseLong(now.getKey());
                byId.put(id, codec.roomMessage(id, now.getValue()));
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * Counted in Redis by the script ({@code chat.lua}'s unread), which reads back through the room's stream without
     * sending it here: paging it back and decoding each message here cost a node more than all else a join does.
     * Zero if Redis cannot say, as for a room whose history cannot be read.
     */
    @Override
    public int unread(String room, String userId, long afterId, int cap) {
        try {
            Long unread = Answers.await(shards.of(room).script().run(ScriptOutputType.INTEGER, "unread", "", room, userId,
                    Long.toString(afterId), Integer.toString(cap)), timeout);
            return unread.intValue();
        } catch (RuntimeException e) {
            LOG.warn("could not count the unread chats of room {} in Redis: {}", room, e.getMessage());
            return 0;
        }
    }

    /** Redis keeps rooms, not users: a user's history comes from the durable store. */
    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        return List.of();
    }

    private RedisCommands<String, String> redis(String room) {
        return shards.of(room).connection().sync();
    }

    private List<RoomMessage> decoded(List<StreamMessage<String, String>> entries) {
        return entries.stream().map(entry -> codec.roomMessage(id(entry.getId()), entry.getBody().get("m"))).toList();
    }

    private List<RoomMessage> read(String room, Supplier<List<RoomMessage>> messages) {
        try {
            return messages.get();
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
