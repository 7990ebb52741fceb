package dev.chat.adapter.dynamodb;

import static dev.chat.adapter.dynamodb.Items.n;

import dev.chat.domain.port.needed.ReadMarks;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>The hub reads a user's marks once, as it connects, off its loop; the loop only raises them.
 */
final class DynamoReadMarks implements ReadMarks {

    private static final System.Logger LOG = System.getLogger(DynamoReadMarks.class.getName());
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final String MARK = "m:";

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
            return true;
        } catch (ConditionalCheckFailedException notHigher) {
            return false;
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "could not raise " + userId + "'s read mark in " + room + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public Map<String, Long> byUser(String userId) {
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
