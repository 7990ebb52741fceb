package dev.chat.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the history is kept in DynamoDB.
 *
 * @param table       the table, {@code chat-messages} by default, as the original server named it
 * @param endpoint    another endpoint than AWS's, such as a local emulator; empty for the region's
 * @param region      the AWS region, such as {@code eu-west-1}
 * @param createTable whether to create the table and its index when missing (billed on demand)
 * @param retention   how long a message is kept, by DynamoDB's time to live; zero keeps every message
 */
public record DynamoSettings(String table, Optional<URI> endpoint, String region, boolean createTable,
        Duration retention) {

    public static final String DEFAULT_TABLE = "chat-messages";

    public DynamoSettings {
        requireNonNull(table, "table");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(region, "region");
        requireNonNull(retention, "retention");
    }

    /** Keeping every message. */
    public DynamoSettings(String table, Optional<URI> endpoint, String region, boolean createTable) {
        this(table, endpoint, region, createTable, Duration.ZERO);
    }
}
