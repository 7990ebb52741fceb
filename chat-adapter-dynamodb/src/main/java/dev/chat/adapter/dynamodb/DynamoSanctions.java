package dev.chat.adapter.dynamodb;

import static dev.chat.adapter.dynamodb.Items.n;
import static dev.chat.adapter.dynamodb.Items.s;

import dev.chat.domain.Sanction;
import dev.chat.domain.port.needed.Sanctions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bans and mutes in the history's table: few, so all in one item ({@code #sanctions}, id 0), an attribute
 * {@code <kind> <userId>} each, holding its end, reason and time; {@link #all()} is one read.
 */
final class DynamoSanctions implements Sanctions {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoSanctions(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<Sanction> all() {
        var all = new ArrayList<Sanction>();
        dynamo.getItem(get -> get.tableName(table).key(key()).consistentRead(true)).item().forEach((name, value) -> {
            if (value.hasM()) {
                all.add(sanction(name, value.m()));
            }
        });
        return all;
    }

    @Override
    public void impose(Sanction sanction) {
        var fields = new HashMap<String, AttributeValue>();
        sanction.until().ifPresent(until -> fields.put("until", n(until.toEpochMilli())));
        fields.put("reason", s(sanction.reason()));
        fields.put("at", n(sanction.at().toEpochMilli()));
        dynamo.updateItem(update -> update.tableName(table).key(key()).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", name(sanction.userId(), sanction.kind())))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromM(fields))));
    }

    @Override
    public void lift(String userId, Sanction.Kind kind) {
        dynamo.updateItem(update -> update.tableName(table).key(key()).updateExpression("REMOVE #s")
                .expressionAttributeNames(Map.of("#s", name(userId, kind))));
    }

    private static String name(String userId, Sanction.Kind kind) {
        return kind.wireName() + " " + userId;
    }

    private static Sanction sanction(String name, Map<String, AttributeValue> fields) {
        int space = name.indexOf(' ');
        var until = fields.containsKey("until")
                ? Optional.of(Instant.ofEpochMilli(Long.parseLong(fields.get("until").n()))) : Optional.<Instant>empty();
        return new Sanction(name.substring(space + 1),
                Sanction.Kind.valueOf(name.substring(0, space).toUpperCase(Locale.ROOT)), until,
                fields.get("reason").s(), Instant.ofEpochMilli(Long.parseLong(fields.get("at").n())));
    }

    private static Map<String, AttributeValue> key() {
        return Items.key("#sanctions", 0);
    }
}
