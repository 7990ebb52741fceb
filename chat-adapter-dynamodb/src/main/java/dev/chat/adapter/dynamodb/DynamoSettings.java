package dev.chat.adapter.dynamodb;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * Where the history is kept in DynamoDB.
 *
 * @param table       the table, {@code chat-messages} by default, as the original server named it
 * @param endpoint    another endpoint than AWS's, such as a local emulator; empty for the region's
 * @param region      the AWS region, such as {@code eu-west-1}
 * @param createTable whether to create the table and its index when missing (billed on demand)
 */
public record DynamoSettings(String table, Optional<URI> endpoint, String region, boolean createTable) {

    public static final String DEFAULT_TABLE = "chat-messages";

    public DynamoSettings {
        requireNonNull(table, "table");
        requireNonNull(endpoint, "endpoint");
        requireNonNull(region, "region");
    }
}
