package dev.chat.app;

import dev.chat.adapter.redis.RedisSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads whether this node is one of several: {@code REDIS_URL} turns clustering on ({@code redis://} or
 * {@code rediss://}, several separated by commas to spread the rooms over them; a password in it is never shown), {@code NODE_ID} names the node (a fresh id each start by
 * default) and {@code NODE_TIMEOUT} is how soon a node that stopped beating has its users leave.
 */
final class ClusterConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = Map.of("REDIS_URL", "", "NODE_ID", "",
            "NODE_TIMEOUT", Environment.text(RedisSettings.DEFAULT_NODE_TIMEOUT));

    private ClusterConfig() {}

    /**
     * The node's cluster, when REDIS_URL names one Redis server or several (comma-separated); each room keeps
     * {@code historyPerRoom} messages in Redis.
     */
    static Optional<RedisSettings> read(Environment env, int historyPerRoom, int presenceLimit, Duration nonceWindow)
            throws ConfigException {
        var value = env.secretOrText("REDIS_URL");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        var node = env.optionalText("NODE_ID").orElseGet(() -> "node-" + UUID.randomUUID().toString().substring(0, 8));
        var timeout = env.duration("NODE_TIMEOUT", RedisSettings.DEFAULT_NODE_TIMEOUT);
        var urls = Arrays.stream(value.get().split(",", -1)).map(String::strip).toList();
        for (var url : urls) {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new ConfigException("REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379 (rediss:// for "
                        + "TLS), or several separated by commas, not '" + shown(url) + "'");
            }
        }
        env.note("REDIS_URL", urls.stream().map(ClusterConfig::shown).collect(Collectors.joining(",")));
        try {
            return Optional.of(new RedisSettings(urls, node, timeout, historyPerRoom, presenceLimit,
                    RedisSettings.DEFAULT_COMMAND_TIMEOUT, nonceWindow));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("REDIS_URL, NODE_ID or NODE_TIMEOUT: " + e.getMessage());
        }
    }

    /** The URL without its password. */
    private static String shown(String url) {
        try {
            var uri = URI.create(url);
            return uri.getUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "***@");
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
