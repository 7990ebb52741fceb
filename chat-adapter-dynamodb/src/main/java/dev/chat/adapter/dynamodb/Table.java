package dev.chat.adapter.dynamodb;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The table the store needs ({@link Items} says why it is so), made when missing if the settings ask for it. */
final class Table {

    private static final System.Logger LOG = System.getLogger(Table.class.getName());

    private Table() {}

    static void ensure(DynamoDbClient dynamo, DynamoSettings settings) {
        try {
            dynamo.describeTable(describe -> describe.tableName(settings.table()));
        } catch (ResourceNotFoundException missing) {
            if (!settings.createTable()) {
                throw new IllegalStateException("DynamoDB has no table '" + settings.table()
                        + "': create it, or set DYNAMODB_CREATE_TABLE=true", missing);
            }
            create(dynamo, settings.table());
        }
        if (!settings.retention().isZero()) {
            expireOld(dynamo, settings.table());
        }
    }

    /**
     * Turns on DynamoDB's time to live on {@code expiresAt}, which every message carries when there is a retention.
     * An endpoint without it (an emulator) keeps everything; reads leave out what is past the retention anyway.
     */
    private static void expireOld(DynamoDbClient dynamo, String table) {
        try {
            dynamo.updateTimeToLive(ttl -> ttl.tableName(table)
                    .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(Items.EXPIRES)));
        } catch (DynamoDbException e) {
            if (!isAlreadyOn(e)) {
                LOG.log(Level.WARNING, "DynamoDB did not turn on time to live for " + table + " ("
                        + e.awsErrorDetails().errorCode() + "): old messages are left out of every read, but kept");
            }
        }
    }

    private static boolean isAlreadyOn(DynamoDbException e) {
        return e.getMessage() != null && e.getMessage().contains("already enabled");
    }

    private static void create(DynamoDbClient dynamo, String table) {
        dynamo.createTable(create -> create.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(Items.ROOM, ScalarAttributeType.S), attribute(Items.ID, ScalarAttributeType.N),
                        attribute(Items.AUTHOR, ScalarAttributeType.S), attribute(Items.POSITION, ScalarAttributeType.S))
                .keySchema(key(Items.ROOM, KeyType.HASH), key(Items.ID, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Items.BY_AUTHOR)
                        .keySchema(key(Items.AUTHOR, KeyType.HASH), key(Items.POSITION, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        awaitActive(dynamo, table);
    }

    /**
     * Asked every 100 ms, then less often up to every 2 s: the SDK's own waiter asks every 20 s, which would hold a
     * first start for that long.
     */
    private static void awaitActive(DynamoDbClient dynamo, String table) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long wait = TimeUnit.MILLISECONDS.toNanos(100);
        while (dynamo.describeTable(describe -> describe.tableName(table)).table().tableStatus()
                != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("DynamoDB table '" + table + "' was not active within 5 minutes");
            }
            LockSupport.parkNanos(wait);
            wait = Math.min(wait * 2, TimeUnit.SECONDS.toNanos(2));
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
