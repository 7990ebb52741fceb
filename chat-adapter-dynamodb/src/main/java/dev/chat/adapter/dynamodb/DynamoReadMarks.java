package dev.chat.adapter.dynamodb;

import static dev.chat.adapter.dynamodb.Items.n;

import dev.chat.domain.port.needed.ReadMarks;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How far each user has read each room, in the history's table: one item a user (its room {@code #marks:<userId>},
 * which no room name can be, id 0), an attribute {@code m:<room>} a room. A mark rises in one conditional update, so
 * two nodes raising it at once keep the higher. The hub's loop calls it: each call waits at most a second, and one
 * that fails counts as nothing read and nothing raised, which is safe.
 *
 * <p>A user's marks are read once when it connects ({@link #prefetch}, on the connecting thread) and kept for
 * {@value #FRESH_SECONDS} seconds: entering a room then costs the loop no request, where a read per entry held the
 * loop up to 14 ms each and a thousand clients connecting stalled every room for seconds. A mark raised on another
 * node shows here once the kept copy is that old.
 */
final class DynamoReadMarks implements ReadMarks {

    private static final System.Logger LOG = System.getLogger(DynamoReadMarks.class.getName());
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final String MARK = "m:";
    static final int FRESH_SECONDS = 30;
    private static final int USERS_KEPT = 100_000;

    private record Kept(Map<String, Long> marks, long readAtNanos) {

        boolean fresh() {
            return System.nanoTime() - readAtNanos < TimeUnit.SECONDS.toNanos(FRESH_SECONDS);
        }
    }

    private final Map<String, Kept> kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > USERS_KEPT;
        }
    });

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoReadMarks(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean markRead(String userId, String room, long id) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(userId))
                    .updateExpression("SET #m = :id")
                    .conditionExpression("attribute_not_exists(#m) OR #m < :id")
                    .expressionAttributeNames(Map.of("#m", MARK + room))
                    .expressionAttributeValues(Map.of(":id", n(id)))
                    .overrideConfiguration(call -> call.apiCallTimeout(PATIENCE)));
            kept.computeIfPresent(userId, (user, marks) -> {
                var raised = new TreeMap<>(marks.marks());
                raised.merge(room, id, Math::max);
                return new Kept(raised, marks.readAtNanos());
            });
            return true;
        } catch (ConditionalCheckFailedException notHigher) {
            return false;
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "could not raise " + userId + "'s read mark in " + room + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public void prefetch(String userId) {
        read(userId);
    }

    /** From the copy read when the user connected, while fresh; else read again, on the loop. */
    @Override
    public long lastRead(String userId, String room) {
        var copy = kept.get(userId);
        var marks = copy != null && copy.fresh() ? copy.marks() : read(userId);
        return marks.getOrDefault(room, 0L);
    }

    @Override
    public Map<String, Long> byUser(String userId) {
        return read(userId);
    }

    private Map<String, Long> read(String userId) {
        var marks = marks(userId);
        kept.put(userId, new Kept(Map.copyOf(marks), System.nanoTime()));
        return marks;
    }

    private Map<String, Long> marks(String userId) {
        var marks = new TreeMap<String, Long>();
        try {
            dynamo.getItem(get -> get.tableName(table).key(key(userId)).consistentRead(true)
                    .overrideConfiguration(call -> call.apiCallTimeout(PATIENCE))).item().forEach((name, value) -> {
                        if (name.startsWith(MARK)) {
                            marks.put(name.substring(MARK.length()), Long.parseLong(value.n()));
                        }
                    });
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "could not read " + userId + "'s read marks: " + e.getMessage());
        }
        return marks;
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Items.key("#marks:" + userId, 0);
    }
}
