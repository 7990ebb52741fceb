package dev.chat.app;

import dev.chat.adapter.dynamodb.DynamoSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads, with {@code STORE=dynamodb} only, where history goes in DynamoDB: {@code DYNAMODB_TABLE}, {@code AWS_REGION}
 * (required, but for a local {@code DYNAMODB_ENDPOINT}), {@code DYNAMODB_ENDPOINT} and {@code DYNAMODB_CREATE_TABLE}.
 * Credentials are the SDK's own affair (its default chain), never read or shown here.
 */
final class DynamoConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = defaults();
    private static final String LOCAL_REGION = "us-east-1";

    private DynamoConfig() {}

    /** @param retention how long messages are kept ({@code RETENTION_MAX_AGE}), by DynamoDB's time to live */
    static DynamoSettings read(Environment env, Duration retention) throws ConfigException {
        var table = env.text("DYNAMODB_TABLE", DynamoSettings.DEFAULT_TABLE);
        if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw env.invalid("DYNAMODB_TABLE", "a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'");
        }
        var endpoint = endpoint(env);
        var region = env.optionalText("AWS_REGION");
        if (region.isEmpty() && endpoint.isEmpty()) {
            throw new ConfigException("STORE=dynamodb needs AWS_REGION, such as eu-west-1 (or DYNAMODB_ENDPOINT for a "
                    + "local emulator)");
        }
        boolean create = env.choice("DYNAMODB_CREATE_TABLE", "false", Set.of("true", "false")).equals("true");
        return new DynamoSettings(table, endpoint, region.orElse(LOCAL_REGION), create, retention);
    }

    private static Optional<URI> endpoint(Environment env) throws ConfigException {
        var text = env.optionalText("DYNAMODB_ENDPOINT");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            var url = new URI(text.get());
            if (Set.of("http", "https").contains(url.getScheme()) && url.getHost() != null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw env.invalid("DYNAMODB_ENDPOINT", "an http or https URL such as http://127.0.0.1:8000");
    }

    private static Map<String, String> defaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("DYNAMODB_TABLE", DynamoSettings.DEFAULT_TABLE);
        defaults.put("DYNAMODB_ENDPOINT", "");
        defaults.put("AWS_REGION", "");
        defaults.put("DYNAMODB_CREATE_TABLE", "false");
        return defaults;
    }
}
