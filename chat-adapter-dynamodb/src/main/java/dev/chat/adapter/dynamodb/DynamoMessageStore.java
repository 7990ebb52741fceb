package dev.chat.adapter.dynamodb;

import static dev.chat.adapter.dynamodb.Items.n;
import static dev.chat.adapter.dynamodb.Items.s;

import dev.chat.domain.Availability;
import dev.chat.domain.MessageIds;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.MessageType;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.ReadMarks;
import dev.chat.domain.port.needed.Sanctions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Room history in DynamoDB ({@link Items} has the table's design). Writes go behind the hub ({@link Writer}); reads
 * are strongly consistent queries of one partition, the room, in id order, and wait for what was appended before
 * them. A change to a chat (edit, deletion, reaction) is a message of its own, and is applied to the chat by reading
 * it, applying {@link RoomMessage#amendedBy} (the rule every store follows), and writing it back on condition that
 * nobody changed it meanwhile, so two nodes reacting at once both count; a deletion then blanks the text of every
 * edit the chat had.
 *
 * <p>Ids never repeat across a crash, by the rule the SQL stores follow: a store not closed cleanly numbers every
 * room that has not written since it opened from past its last id by more than could have been queued.
 */
public final class DynamoMessageStore implements MessageStore, AutoCloseable {

    static final String META = "#meta";
    /** How long a read waits, at most, for a writer that makes progress: far longer than any healthy backlog. */
    private static final Duration READ_PATIENCE = Duration.ofSeconds(60);
    private static final int LAST_IDS_KEPT = 100_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Writer writer;
    private final long gap;
    private final long openedAtMillis = System.currentTimeMillis();
    private final Map<String, Long> lastIds = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > LAST_IDS_KEPT;
        }
    });

    /** The client the store made itself, and so closes; none when its caller gave one. */
    private final Optional<DynamoDbClient> owned;

    private DynamoMessageStore(DynamoDbClient dynamo, Optional<DynamoDbClient> owned, DynamoSettings settings,
            int capacity, long gap) {
        this.dynamo = dynamo;
        this.owned = owned;
        this.retention = settings.retention();
        this.table = settings.table();
        this.gap = gap;
        this.writer = new Writer(dynamo, table, retention, capacity, this::applyChange);
    }

    /**
     * Opens the store on the table, which it creates first if asked to, and marks it in use until {@link #close}.
     *
     * @param capacity messages that may wait for DynamoDB before an append waits in turn
     */
    public static DynamoMessageStore open(DynamoDbClient dynamo, DynamoSettings settings, int capacity) {
        return open(dynamo, Optional.empty(), settings, capacity);
    }

    /**
     * As {@link #open(DynamoDbClient, DynamoSettings, int)}, with a client of its own: the region and endpoint of the
     * settings, credentials from the SDK's default chain (environment, profile, instance role), and, for a local
     * endpoint only, stand-in credentials when the chain has none, since an emulator checks none.
     */
    public static DynamoMessageStore open(DynamoSettings settings, int capacity) {
        var client = Clients.of(settings);
        try {
            return open(client, Optional.of(client), settings, capacity);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static DynamoMessageStore open(DynamoDbClient dynamo, Optional<DynamoDbClient> owned,
            DynamoSettings settings, int capacity) {
        Table.ensure(dynamo, settings);
        var meta = dynamo.getItem(get -> get.tableName(settings.table()).key(Items.key(META, 0)).consistentRead(true))
                .item();
        boolean crashed = meta.containsKey("state") && meta.get("state").s().equals("open");
        dynamo.putItem(put -> put.tableName(settings.table()).item(state("open")));
        return new DynamoMessageStore(dynamo, owned, settings, capacity, crashed ? capacity + Writer.MAX_BATCH : 0);
    }

    @Override
    public void append(RoomMessage message) {
        lastIds.merge(message.room(), message.id(), Math::max);
        writer.add(message);
    }

    @Override
    public long lastId(String room) {
        return lastIds.computeIfAbsent(room, this::numberFrom);
    }

    @Override
    public List<RoomMessage> latest(String room, int limit) {
        return before(room, Long.MAX_VALUE, limit);
    }

    @Override
    public List<RoomMessage> after(String room, long afterId, int limit) {
        return page(kept(roomQuery(room, "#i > :id", afterId).scanIndexForward(true), ""), limit, false);
    }

    @Override
    public List<RoomMessage> before(String room, long beforeId, int limit) {
        return page(kept(roomQuery(room, "#i < :id", beforeId).scanIndexForward(false),
                "attribute_not_exists(target)"), limit, true);
    }

    /** From the index of authors, which DynamoDB keeps eventually consistent with the table. */
    @Override
    public List<RoomMessage> byUser(String userId, MessagePosition before, int limit) {
        var names = new HashMap<>(Map.of("#a", Items.AUTHOR, "#p", Items.POSITION));
        var values = new HashMap<>(Map.of(":a", s(userId), ":p", s(Items.position(before))));
        var query = QueryRequest.builder().tableName(table).indexName(Items.BY_AUTHOR)
                .keyConditionExpression("#a = :a AND #p < :p")
                .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false);
        return page(kept(query, names, values, ""), limit, true);
    }

    @Override
    public Optional<RoomMessage> find(String room, long id) {
        writer.awaitWritten(READ_PATIENCE);
        var item = dynamo.getItem(get -> get.tableName(table).key(Items.key(room, id)).consistentRead(true)).item();
        return item.isEmpty() || expired(item) ? Optional.empty() : Optional.of(Items.message(item));
    }

    @Override
    public Availability state() {
        return writer.available() ? Availability.OK : Availability.UNAVAILABLE;
    }

    /** How far each user has read each room, kept in the same table. */
    public ReadMarks readMarks() {
        return new DynamoReadMarks(dynamo, table);
    }

    /** The bans and mutes, kept in the same table. */
    public Sanctions sanctions() {
        return new DynamoSanctions(dynamo, table);
    }

    public int queued() {
        return writer.queued();
    }

    public long failedWrites() {
        return writer.failedWrites();
    }

    public long throttledWrites() {
        return writer.throttledWrites();
    }

    /** Writes what is queued, then marks the table closed cleanly. */
    @Override
    public void close() throws InterruptedException {
        writer.close();
        dynamo.putItem(put -> put.tableName(table).item(state("clean")));
        owned.ifPresent(DynamoDbClient::close);
    }

    private QueryRequest.Builder roomQuery(String room, String idCondition, long id) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#r = :r AND " + idCondition)
                .expressionAttributeNames(Map.of("#r", Items.ROOM, "#i", Items.ID))
                .expressionAttributeValues(Map.of(":r", s(room), ":id", n(id)));
    }

    private QueryRequest.Builder kept(QueryRequest.Builder query, String filter) {
        var request = query.build();
        return kept(query, new HashMap<>(request.expressionAttributeNames()),
                new HashMap<>(request.expressionAttributeValues()), filter);
    }

    /**
     * The query with this filter, and, with a retention, without the messages past it: DynamoDB deletes them when
     * it gets round to it, up to days later, so a read must not count on them being gone.
     */
    private QueryRequest.Builder kept(QueryRequest.Builder query, Map<String, String> names,
            Map<String, AttributeValue> values, String filter) {
        var conditions = new ArrayList<String>();
        if (!filter.isEmpty()) {
            conditions.add(filter);
        }
        if (!retention.isZero()) {
            names.put("#x", Items.EXPIRES);
            values.put(":now", n(Instant.now().getEpochSecond()));
            conditions.add("(attribute_not_exists(#x) OR #x > :now)");
        }
        if (conditions.isEmpty()) {
            return query;
        }
        return query.filterExpression(String.join(" AND ", conditions)).expressionAttributeNames(names)
                .expressionAttributeValues(values);
    }

    private boolean expired(Map<String, AttributeValue> item) {
        return !retention.isZero() && item.containsKey(Items.EXPIRES)
                && Long.parseLong(item.get(Items.EXPIRES).n()) <= Instant.now().getEpochSecond();
    }

    /**
     * Up to {@code limit} messages, reading on past pages a filter emptied, once every message appended before is
     * written; oldest first.
     */
    private List<RoomMessage> page(QueryRequest.Builder query, int limit, boolean newestFirst) {
        writer.awaitWritten(READ_PATIENCE);
        var found = new ArrayList<RoomMessage>();
        Map<String, AttributeValue> from = null;
        do {
            var request = query.limit(limit - found.size()).exclusiveStartKey(from).build();
            var answer = dynamo.query(request);
            answer.items().forEach(item -> found.add(Items.message(item)));
            from = answer.hasLastEvaluatedKey() && !answer.lastEvaluatedKey().isEmpty() ? answer.lastEvaluatedKey()
                    : null;
        } while (found.size() < limit && from != null);
        return newestFirst ? found.reversed() : found;
    }

    /**
     * The last id kept, once everything queued is written; past the crash gap if the room has written nothing since
     * the store was opened. While DynamoDB cannot be read, from the clock's origin, above any id it can have given.
     */
    private long numberFrom(String room) {
        try {
            var newest = page(roomQuery(room, "#i < :id", Long.MAX_VALUE).scanIndexForward(false), 1, true);
            if (newest.isEmpty()) {
                return gap;
            }
            var last = newest.getFirst();
            boolean writtenSinceOpening = last.message().timestamp().toEpochMilli() >= openedAtMillis;
            return writtenSinceOpening ? last.id() : last.id() + gap;
        } catch (SdkException unreadable) {
            return MessageIds.origin(Instant.now());
        }
    }

    /** Brings a chat up to date with a change, on condition that it did not change meanwhile; again if it did. */
    private void applyChange(RoomMessage change) {
        while (true) {
            var item = dynamo.getItem(get -> get.tableName(table)
                    .key(Items.key(change.room(), change.message().target())).consistentRead(true)).item();
            if (item.isEmpty()) {
                return;
            }
            var chat = Items.message(item);
            if (chat.changes().deleted() || chat.changes().revision() >= change.id()) {
                return;
            }
            var edits = new ArrayList<>(item.containsKey("edits") ? item.get("edits").ns() : List.of());
            if (change.message().type() == MessageType.EDIT) {
                edits.add(Long.toString(change.id()));
            }
            var changed = Items.changed(chat.amendedBy(change.id(), change.message()), edits, retention);
            var condition = chat.changes().revision() == 0 ? "attribute_not_exists(revision)" : "revision = :was";
            var values = chat.changes().revision() == 0 ? Map.<String, AttributeValue>of()
                    : Map.of(":was", n(chat.changes().revision()));
            try {
                dynamo.putItem(put -> put.tableName(table).item(changed).conditionExpression(condition)
                        .expressionAttributeValues(values.isEmpty() ? null : values));
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                continue;
            }
            if (change.message().type() == MessageType.DELETE) {
                edits.forEach(edit -> eraseEdit(change.room(), Long.parseLong(edit)));
            }
            return;
        }
    }

    private void eraseEdit(String room, long id) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(Items.key(room, id))
                    .updateExpression("SET content = :empty").conditionExpression("attribute_exists(#i)")
                    .expressionAttributeNames(Map.of("#i", Items.ID))
                    .expressionAttributeValues(Map.of(":empty", s(""))));
        } catch (ConditionalCheckFailedException gone) {
            // An edit retention took away already.
        }
    }

    private static Map<String, AttributeValue> state(String state) {
        var item = new HashMap<>(Items.key(META, 0));
        item.put("state", s(state));
        return item;
    }
}
