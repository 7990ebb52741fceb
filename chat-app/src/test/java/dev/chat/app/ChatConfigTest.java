package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.bucket4j.Bucket4jThrottle;
import dev.chat.adapter.httpclient.HookSettings;
import dev.chat.adapter.javalin.AddressRange;
import dev.chat.adapter.javalin.ApiKeys;
import dev.chat.domain.RoomPatterns;
import dev.chat.hub.ReadReceipts;
import dev.chat.domain.port.needed.Throttle;
import dev.chat.hub.Presence;
import dev.chat.hub.RoomLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatConfigTest {

    private static final HookSettings NO_HOOKS = new HookSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Duration.ofSeconds(1), HookSettings.OnFailure.DENY, List.of());

    @Test
    void with_nothing_set_every_default_applies() throws ConfigException {
        var loaded = ChatConfig.load(Map.of());

        assertEquals(new ChatConfig("0.0.0.0", 8080, Duration.ofSeconds(54), Duration.ofSeconds(60), 8192, 1_048_576, 256,
                Duration.ofMillis(20), new Presence(100, Duration.ofSeconds(1)), 20, 20_000, 256L << 20, 50, Duration.ofSeconds(30),
                Set.of(), "info", 2000, Optional.empty(), Duration.ofSeconds(60), RoomPatterns.NONE, 5, 10, 10, 20, 20_000, 500, 50, 50,
                Set.of(), Duration.ofSeconds(10), Optional.empty(), "sqlite", Path.of("data").toAbsolutePath(), 20_000, Duration.ZERO, 0,
                Optional.empty(), Optional.empty(), true, Duration.ofSeconds(5), Duration.ofHours(48), ReadReceipts.ROOM,
                Duration.ofMinutes(5), ApiKeys.NONE, NO_HOOKS,
                Optional.empty(), Optional.empty()),
                loaded.config());
        assertEquals("HOST=0.0.0.0 PORT=8080 PING_INTERVAL=54s IDLE_TIMEOUT=60s MAX_MESSAGE_BYTES=8192 SEND_QUEUE_BYTES=1048576 "
                + "BROADCAST_QUEUE_SIZE=256 WRITE_INTERVAL=20ms PRESENCE_LIMIT=100 PRESENCE_INTERVAL=1s "
                + "MAX_ROOMS_PER_CONNECTION=20 HISTORY_SIZE=20000 HISTORY_MAX_MB=256 HISTORY_ON_JOIN=50 "
                + "SHUTDOWN_TIMEOUT=30s ALLOWED_ORIGINS=* LOG_LEVEL=info WARMUP_SESSIONS=2000 AUTH=off PRIVATE_ROOMS= RATE_LIMIT_PER_SEC=5 RATE_LIMIT_BURST=10 USER_RATE_LIMIT_PER_SEC=10 USER_RATE_LIMIT_BURST=20 MAX_CONNECTIONS=20000 MAX_CONNECTIONS_PER_ADDRESS=500 MAX_CONNECTIONS_PER_USER=50 HANDSHAKES_PER_ADDRESS_PER_SEC=50 TRUSTED_PROXIES= REQUEST_TIMEOUT=10s TLS=off STORE=sqlite DATA_DIR=data RESUME_MAX_MESSAGES=20000 RETENTION_MAX_AGE=0ms RETENTION_PER_ROOM=0 WEB_UI=on DRAIN_TIMEOUT=5s EDIT_WINDOW=172800s READ_RECEIPTS=room NONCE_WINDOW=300s HOOKS=off WEBHOOKS=off", loaded.effective());
    }

    @Test
    void every_variable_is_read() throws Exception {
        var loaded = ChatConfig.load(Map.ofEntries(
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("PORT", "9000"),
                Map.entry("PING_INTERVAL", "500ms"),
                Map.entry("IDLE_TIMEOUT", "2m"),
                Map.entry("MAX_MESSAGE_BYTES", "4096"),
                Map.entry("SEND_QUEUE_BYTES", "65536"),
                Map.entry("BROADCAST_QUEUE_SIZE", "1024"),
                Map.entry("WRITE_INTERVAL", "0ms"),
                Map.entry("PRESENCE_LIMIT", "0"),
                Map.entry("PRESENCE_INTERVAL", "250ms"),
                Map.entry("MAX_ROOMS_PER_CONNECTION", "5"),
                Map.entry("HISTORY_SIZE", "500"),
                Map.entry("HISTORY_MAX_MB", "64"),
                Map.entry("HISTORY_ON_JOIN", "10"),
                Map.entry("SHUTDOWN_TIMEOUT", "1h"),
                Map.entry("ALLOWED_ORIGINS", "https://chat.example.com, http://localhost:3000"),
                Map.entry("LOG_LEVEL", "DEBUG"),
                Map.entry("WARMUP_SESSIONS", "0"),
                Map.entry("RATE_LIMIT_PER_SEC", "0"),
                Map.entry("RATE_LIMIT_BURST", "20"),
                Map.entry("USER_RATE_LIMIT_PER_SEC", "30"),
                Map.entry("USER_RATE_LIMIT_BURST", "60"),
                Map.entry("MAX_CONNECTIONS", "0"),
                Map.entry("MAX_CONNECTIONS_PER_ADDRESS", "50"),
                Map.entry("MAX_CONNECTIONS_PER_USER", "7"),
                Map.entry("HANDSHAKES_PER_ADDRESS_PER_SEC", "0"),
                Map.entry("TRUSTED_PROXIES", "10.0.0.5, ::1, 172.16.9.9/12"),
                Map.entry("REQUEST_TIMEOUT", "3s"),
                Map.entry("STORE", "sqlite"),
                Map.entry("DATA_DIR", "/var/lib/chat"),
                Map.entry("RESUME_MAX_MESSAGES", "5000"),
                Map.entry("RETENTION_MAX_AGE", "720h"),
                Map.entry("RETENTION_PER_ROOM", "100000"),
                Map.entry("WEB_UI", "off"),
                Map.entry("DRAIN_TIMEOUT", "1500ms"),
                Map.entry("EDIT_WINDOW", "0s"),
                Map.entry("READ_RECEIPTS", "self")));

        assertEquals(new ChatConfig("127.0.0.1", 9000, Duration.ofMillis(500), Duration.ofMinutes(2), 4096, 65_536, 1024,
                Duration.ZERO, new Presence(0, Duration.ofMillis(250)), 5, 500, 64L << 20, 10, Duration.ofHours(1), Set.of("https://chat.example.com", "http://localhost:3000"), "debug", 0, Optional.empty(), Duration.ofSeconds(60), RoomPatterns.NONE, 0, 20, 30, 60, 0, 50, 7, 0,
                Set.of(AddressRange.parse("10.0.0.5").orElseThrow(), AddressRange.parse("::1").orElseThrow(),
                        AddressRange.parse("172.16.0.0/12").orElseThrow()), Duration.ofSeconds(3),
                Optional.empty(), "sqlite", Path.of("/var/lib/chat"), 5000, Duration.ofHours(720), 100_000,
                Optional.empty(), Optional.empty(), false, Duration.ofMillis(1500), Duration.ZERO, ReadReceipts.SELF,
                Duration.ofMinutes(5), ApiKeys.NONE, NO_HOOKS,
                Optional.empty(), Optional.empty()),
                loaded.config());
        assertEquals("HOST=127.0.0.1 PORT=9000 PING_INTERVAL=500ms IDLE_TIMEOUT=120s MAX_MESSAGE_BYTES=4096 SEND_QUEUE_BYTES=65536 "
                + "BROADCAST_QUEUE_SIZE=1024 WRITE_INTERVAL=0ms PRESENCE_LIMIT=0 PRESENCE_INTERVAL=250ms "
                + "MAX_ROOMS_PER_CONNECTION=5 HISTORY_SIZE=500 HISTORY_MAX_MB=64 HISTORY_ON_JOIN=10 SHUTDOWN_TIMEOUT=3600s "
                + "ALLOWED_ORIGINS=https://chat.example.com,http://localhost:3000 LOG_LEVEL=debug WARMUP_SESSIONS=0 AUTH=off PRIVATE_ROOMS= RATE_LIMIT_PER_SEC=0 RATE_LIMIT_BURST=20 USER_RATE_LIMIT_PER_SEC=30 USER_RATE_LIMIT_BURST=60 MAX_CONNECTIONS=0 MAX_CONNECTIONS_PER_ADDRESS=50 MAX_CONNECTIONS_PER_USER=7 HANDSHAKES_PER_ADDRESS_PER_SEC=0 TRUSTED_PROXIES=10.0.0.5,0:0:0:0:0:0:0:1,172.16.0.0/12 REQUEST_TIMEOUT=3s TLS=off STORE=sqlite DATA_DIR=/var/lib/chat RESUME_MAX_MESSAGES=5000 RETENTION_MAX_AGE=2592000s RETENTION_PER_ROOM=100000 WEB_UI=off DRAIN_TIMEOUT=1500ms EDIT_WINDOW=0ms READ_RECEIPTS=self NONCE_WINDOW=300s HOOKS=off WEBHOOKS=off",
                loaded.effective());
    }

    @Test
    void the_server_api_takes_the_api_key_and_the_one_before_it_while_it_is_rotated_out() throws ConfigException {
        var keys = ChatConfig.load(Map.of("API_KEY", "k".repeat(32), "API_KEY_PREVIOUS", "p".repeat(32)))
                .config().serverSettings().apiKeys();

        assertTrue(keys.accepts("k".repeat(32)));
        assertTrue(keys.accepts("p".repeat(32)));
        assertFalse(keys.accepts("k".repeat(31)));
        assertFalse(ChatConfig.load(Map.of("API_KEY", "k".repeat(32))).effective().contains("kkkk"),
                "a key is never shown on the startup line");
    }

    @Test
    void the_hooks_are_read_with_their_timeout_failure_policy_and_forwarded_headers() throws ConfigException {
        var loaded = ChatConfig.load(Map.of("HOOK_CONNECT_URL", "http://app.internal:3000/chat/connect",
                "HOOK_PUBLISH_URL", "https://user:secret@app.internal/chat/publish", "HOOK_TIMEOUT", "250ms",
                "HOOK_FAILURE", "allow", "HOOK_FORWARD_HEADERS", "Cookie, X-Session"));

        var hooks = loaded.config().hooks();
        assertEquals(Optional.of(URI.create("http://app.internal:3000/chat/connect")), hooks.connect());
        assertEquals(Optional.empty(), hooks.subscribe());
        assertEquals(Duration.ofMillis(250), hooks.timeout());
        assertEquals(HookSettings.OnFailure.ALLOW, hooks.failure());
        assertEquals(List.of("Cookie", "X-Session"), hooks.forwardHeaders());
        assertTrue(loaded.effective().contains("HOOKS=connect,publish HOOK_TIMEOUT=250ms HOOK_FAILURE=allow"),
                loaded.effective());
        assertFalse(loaded.effective().contains("secret"), "a hook's URL is never shown");
        assertEquals("HOOK_PUBLISH_URL must be an http or https URL such as http://app.internal:3000/chat/connect",
                assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("HOOK_PUBLISH_URL", "ftp://x/y")))
                        .getMessage());
    }

    @Test
    void several_redis_servers_are_read_in_their_order_and_no_password_of_theirs_is_shown() throws ConfigException {
        var loaded = ChatConfig.load(Map.of("STORE", "memory", "NODE_ID", "a",
                "REDIS_URL", "redis://10.0.0.1:6379, redis://:hunter2@10.0.0.2:6379,rediss://10.0.0.3:6380"));

        assertEquals(List.of("redis://10.0.0.1:6379", "redis://:hunter2@10.0.0.2:6379", "rediss://10.0.0.3:6380"),
                loaded.config().cluster().orElseThrow().urls());
        assertTrue(loaded.effective().contains(
                "REDIS_URL=redis://10.0.0.1:6379,redis://***@10.0.0.2:6379,rediss://10.0.0.3:6380"), loaded.effective());
        assertFalse(loaded.effective().contains("hunter2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://a:6379,,redis://b:6379 | REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379 (rediss:// for "
                + "TLS), or several separated by commas, not ''",
        "redis://a:6379,http://:pw@b | REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379 (rediss:// for "
                + "TLS), or several separated by commas, not 'http://***@b'",
        "redis://a:6379,redis://a:6379 | REDIS_URL, NODE_ID or NODE_TIMEOUT: each Redis server is listed once"})
    void a_list_of_redis_servers_with_a_bad_or_repeated_one_stops_the_server(String urls, String error) {
        assertEquals(error, assertThrows(ConfigException.class,
                () -> ChatConfig.load(Map.of("STORE", "memory", "REDIS_URL", urls))).getMessage());
    }

    @Test
    void an_api_key_too_short_to_be_secret_or_a_previous_one_alone_stops_the_server() {
        assertEquals("API_KEY must be at least 22 characters, such as the output of: openssl rand -hex 16",
                assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("API_KEY", "secret"))).getMessage());
        assertEquals("API_KEY_PREVIOUS is the key being rotated out: set API_KEY, the new one",
                assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of("API_KEY_PREVIOUS", "p".repeat(32))))
                        .getMessage());
    }

    @Test
    void the_settings_handed_down_carry_the_configured_values() throws ConfigException {
        var config = ChatConfig.load(Map.of("PORT", "0", "SEND_QUEUE_BYTES", "70000", "BROADCAST_QUEUE_SIZE", "9",
                "MAX_MESSAGE_BYTES", "1000", "ALLOWED_ORIGINS", "https://a.example")).config();

        assertEquals(70_000, config.hubSettings().sendQueueBytes());
        assertEquals(Duration.ofMillis(20), config.hubSettings().writeInterval());
        assertEquals(new RoomLimits(20, 50, 20_000, 64L << 20), config.hubSettings().roomLimits());
        assertEquals(9, config.hubSettings().broadcastQueueSize());
        assertEquals(Duration.ofSeconds(30), config.hubSettings().shutdownTimeout());
        assertEquals(0, config.serverSettings().port());
        assertEquals(1000, config.serverSettings().maxMessageBytes());
        assertEquals(Set.of("https://a.example"), config.serverSettings().allowedOrigins());
        assertEquals(Duration.ofSeconds(54), config.serverSettings().pingInterval());
    }

    @Test
    void with_tokens_verified_the_private_rooms_the_claims_and_the_expiry_warning_are_read() throws ConfigException {
        var loaded = ChatConfig.load(Map.of("AUTH_SECRET", "a-secret-of-at-least-thirty-two-bytes!",
                "PRIVATE_ROOMS", "team-*, board", "AUTH_ROOMS_CLAIM", "chat_rooms", "AUTH_EXPIRY_WARNING", "2m"));

        var server = loaded.config().serverSettings();
        assertEquals(new RoomPatterns(List.of("team-*", "board")), server.privateRooms());
        assertEquals(Duration.ofMinutes(2), server.expiryWarning());
        assertEquals("chat_rooms", loaded.config().authentication().orElseThrow().roomsClaim());
        assertTrue(loaded.effective().contains(" PRIVATE_ROOMS=team-*,board "), loaded.effective());
        assertTrue(loaded.effective().contains(" AUTH_EXPIRY_WARNING=120s "), loaded.effective());
    }

    @Test
    void messages_are_limited_per_connection_unless_a_rate_or_burst_of_zero_turns_it_off() throws ConfigException {
        assertTrue(ChatConfig.load(Map.of()).config().hubSettings().throttle() instanceof Bucket4jThrottle);
        assertEquals(Throttle.UNLIMITED, ChatConfig.load(Map.of("RATE_LIMIT_PER_SEC", "0")).config().throttle());
        assertEquals(Throttle.UNLIMITED, ChatConfig.load(Map.of("RATE_LIMIT_BURST", "-1")).config().throttle());
        assertTrue(ChatConfig.load(Map.of()).config().hubSettings().userThrottle() instanceof Bucket4jThrottle);
        assertEquals(Throttle.UNLIMITED, ChatConfig.load(Map.of("USER_RATE_LIMIT_PER_SEC", "0")).config()
                .hubSettings().userThrottle());
    }

    @Test
    void blank_values_and_a_star_mean_the_default() throws ConfigException {
        var config = ChatConfig.load(Map.of("PORT", "  ", "ALLOWED_ORIGINS", "*")).config();

        assertEquals(8080, config.port());
        assertEquals(Set.of(), config.allowedOrigins());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "PORT                 | eighty     | PORT must be a whole number from 0 to 65535, not 'eighty'",
        "PORT                 | 65536      | PORT must be a whole number from 0 to 65535, not '65536'",
        "PORT                 | -1         | PORT must be a whole number from 0 to 65535, not '-1'",
        "PING_INTERVAL        | 54         | PING_INTERVAL must be a duration such as 54s, 500ms, 2m or 1h, not '54'",
        "PING_INTERVAL        | 0s         | PING_INTERVAL must be a positive duration such as 54s, 500ms, 2m or 1h, not '0s'",
        "IDLE_TIMEOUT         | 1.5s       | IDLE_TIMEOUT must be a duration such as 54s, 500ms, 2m or 1h, not '1.5s'",
        "PRESENCE_LIMIT       | -5         | PRESENCE_LIMIT must be a whole number from 0 to 1000000, not '-5'",
        "PRESENCE_INTERVAL    | 0s         | PRESENCE_INTERVAL must be a positive duration such as 54s, 500ms, 2m or 1h, not '0s'",
        "MAX_ROOMS_PER_CONNECTION | 0      | MAX_ROOMS_PER_CONNECTION must be a whole number from 1 to 1000, not '0'",
        "HISTORY_SIZE         | lots       | HISTORY_SIZE must be a whole number from 1 to 1000000, not 'lots'",
        "WRITE_INTERVAL       | soon       | WRITE_INTERVAL must be a duration such as 54s, 500ms, 2m or 1h, not 'soon'",
        "MAX_MESSAGE_BYTES    | 8k         | MAX_MESSAGE_BYTES must be a whole number from 64 to 16777216, not '8k'",
        "SEND_QUEUE_BYTES     | 1000       | SEND_QUEUE_BYTES must be a whole number from 65536 to 1073741824, not '1000'",
        "SEND_QUEUE_SIZE      | 256        | SEND_QUEUE_SIZE is no longer read: a client's send queue is bounded by bytes, not messages; set SEND_QUEUE_BYTES instead",
        "BROADCAST_QUEUE_SIZE | 99999999999 | BROADCAST_QUEUE_SIZE must be a whole number from 1 to 1000000, not '99999999999'",
        "SHUTDOWN_TIMEOUT     | soon       | SHUTDOWN_TIMEOUT must be a duration such as 54s, 500ms, 2m or 1h, not 'soon'",
        "ALLOWED_ORIGINS      | chat.example.com | ALLOWED_ORIGINS must be a comma-separated list of origins such as https://chat.example.com, not 'chat.example.com'",
        "ALLOWED_ORIGINS      | https://a.example/path | ALLOWED_ORIGINS must be a comma-separated list of origins such as https://chat.example.com, not 'https://a.example/path'",
        "ALLOWED_ORIGINS      | ''         | ALLOWED_ORIGINS must be a comma-separated list of origins, or * for every origin, not ''",
        "ALLOWED_ORIGINS      | ','        | ALLOWED_ORIGINS must be a comma-separated list of origins, or * for every origin, not ','",
        "TRUSTED_PROXIES      | proxy.internal | TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks such as 10.0.0.5,10.1.0.0/16, not 'proxy.internal'",
        "TRUSTED_PROXIES      | 10.0.0.0/33 | TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks such as 10.0.0.5,10.1.0.0/16, not '10.0.0.0/33'",
        "LOG_LEVEL            | loud       | LOG_LEVEL must be one of debug, error, info, trace, warn, not 'loud'",
    })
    void a_bad_value_is_refused_in_one_line_that_names_the_variable(String name, String value, String message) {
        var refused = assertThrows(ConfigException.class, () -> ChatConfig.load(Map.of(name, value)).config());

        assertEquals(message, refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void a_newcomer_cannot_be_sent_more_history_than_is_kept() {
        var refused = assertThrows(ConfigException.class,
                () -> ChatConfig.load(Map.of("HISTORY_SIZE", "20", "HISTORY_ON_JOIN", "50")).config());

        assertEquals("HISTORY_ON_JOIN (50) must not be more than HISTORY_SIZE (20), the messages kept per room",
                refused.getMessage());
    }

    @Test
    void the_ping_interval_must_be_shorter_than_the_idle_timeout() {
        var refused = assertThrows(ConfigException.class,
                () -> ChatConfig.load(Map.of("PING_INTERVAL", "60s", "IDLE_TIMEOUT", "60s")).config());

        assertEquals("PING_INTERVAL (60s) must be shorter than IDLE_TIMEOUT (60s), or quiet clients are closed "
                + "before a ping", refused.getMessage());
    }
}
