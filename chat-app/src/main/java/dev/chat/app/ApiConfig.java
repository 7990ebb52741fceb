package dev.chat.app;

import dev.chat.adapter.javalin.ApiKeys;
import java.util.Map;

/**
 * Reads who may use the server API: {@code API_KEY}, the key the product's backend sends in {@code X-API-Key}, and
 * {@code API_KEY_PREVIOUS}, the one before it, still taken while a rotation is under way. Neither is shown on the
 * startup line.
 */
final class ApiConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = Map.of("API_KEY", "", "API_KEY_PREVIOUS", "");
    /** Long enough that guessing one is hopeless: 128 bits, as 32 hex digits or 22 base64 characters carry. */
    static final int MIN_KEY_LENGTH = 22;

    private ApiConfig() {}

    static ApiKeys read(Environment env) throws ConfigException {
        var current = env.secretOrText("API_KEY");
        var previous = env.secretOrText("API_KEY_PREVIOUS");
        if (current.isEmpty()) {
            if (previous.isPresent()) {
                throw new ConfigException("API_KEY_PREVIOUS is the key being rotated out: set API_KEY, the new one");
            }
            return ApiKeys.NONE;
        }
        return ApiKeys.of(longEnough("API_KEY", current.get()),
                previous.isPresent() ? longEnough("API_KEY_PREVIOUS", previous.get()) : null);
    }

    private static String longEnough(String name, String key) throws ConfigException {
        if (key.length() < MIN_KEY_LENGTH) {
            throw new ConfigException(name + " must be at least " + MIN_KEY_LENGTH + " characters, such as the "
                    + "output of: openssl rand -hex 16");
        }
        return key;
    }
}
