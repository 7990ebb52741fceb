package dev.chat.app;

import dev.chat.adapter.bucket4j.Bucket4jThrottle;
import dev.chat.adapter.dynamodb.DynamoMessageStore;
import dev.chat.adapter.dynamodb.DynamoSettings;
import dev.chat.adapter.httpclient.HookSettings;
import dev.chat.adapter.httpclient.WebhookSettings;
import dev.chat.adapter.javalin.AddressRange;
import dev.chat.adapter.javalin.ApiKeys;
import dev.chat.adapter.javalin.ServerSettings;
import dev.chat.adapter.javalin.TlsCertificate;
import dev.chat.adapter.jwt.JwtSettings;
import dev.chat.adapter.postgres.PostgresMessageStore;
import dev.chat.adapter.redis.RedisSettings;
import dev.chat.adapter.sqlite.SqliteMessageStore;
import dev.chat.domain.Amendments;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.domain.port.needed.Throttle;
import dev.chat.hub.HubSettings;
import dev.chat.hub.InMemoryMessageStore;
import dev.chat.hub.Presence;
import dev.chat.hub.ReadReceipts;
import dev.chat.hub.RoomLimits;
import dev.chat.sql.Retention;
import dev.chat.sql.SqlMessageStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server can be told, read once from the environment. Each part of the program gets its share as
 * typed settings; nothing else reads the environment.
 */
record ChatConfig(
        String host, int port, Duration pingInterval, Duration idleTimeout, int maxMessageBytes, int sendQueueBytes,
        int broadcastQueueSize, Duration writeInterval, Presence presence, int maxRoomsPerConnection,
        int historySize, long historyMaxBytes, int historyOnJoin, Duration shutdownTimeout, Set<String> allowedOrigins,
        String logLevel,
        int warmupSessions, Optional<JwtSettings> authentication, Duration expiryWarning, RoomPatterns privateRooms,
        int rateLimitPerSec, int rateLimitBurst, int userRateLimitPerSec, int userRateLimitBurst,
        int maxConnections, int maxConnectionsPerAddress, int maxConnectionsPerUser, int handshakesPerAddressPerSec,
        Set<AddressRange> trustedProxies,
        Duration requestTimeout, Optional<TlsCertificate> tls, String store, Path dataDir, int resumeMaxMessages,
        Duration retentionMaxAge, int retentionPerRoom, Optional<DatabaseConfig.Database> database,
        Optional<RedisSettings> cluster, boolean webUi, Duration drainTimeout, Duration editWindow,
        ReadReceipts readReceipts, Duration nonceWindow, ApiKeys apiKeys, HookSettings hooks,
        Optional<WebhookSettings> webhooks, Optional<DynamoSettings> dynamo) {

    static final String MEMORY = "memory";
    static final String SQLITE = "sqlite";
    static final String POSTGRES = "postgres";
    static final String DYNAMODB = "dynamodb";
    /** Messages that may wait for the disk before an append is counted as failed. */
    static final int STORE_QUEUE = 100_000;
    static final Duration RETENTION_SWEEP = Duration.ofMinutes(1);
    /** Long enough for a balancer's readiness check, every few seconds, to see a stopping node go unready. */
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    static final int DEFAULT_MAX_CONNECTIONS = 20_000;
    static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 500;
    static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 50;
    static final int DEFAULT_HANDSHAKES_PER_ADDRESS_PER_SEC = 50;

    static final int DEFAULT_RATE_LIMIT_PER_SEC = 5;
    static final int DEFAULT_RATE_LIMIT_BURST = 10;
    static final int DEFAULT_USER_RATE_LIMIT_PER_SEC = 10;
    static final int DEFAULT_USER_RATE_LIMIT_BURST = 20;

    static final int DEFAULT_WARMUP_SESSIONS = 2000;

    static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    /**
     * The configuration, and every variable with the value it took, default or not, as the startup line shows them.
     */
    record Loaded(ChatConfig config, String effective) {}

    static Loaded load(Map<String, String> variables) throws ConfigException {
        var env = new Environment(variables);
        env.replaced("SEND_QUEUE_SIZE", "SEND_QUEUE_BYTES", "a client's send queue is bounded by bytes, not messages");
        var defaults = ServerSettings.defaults();
        var built = new ChatConfig(
                env.text("HOST", defaults.host()),
                env.integer("PORT", defaults.port(), 0, 65_535),
                env.duration("PING_INTERVAL", defaults.pingInterval()),
                env.duration("IDLE_TIMEOUT", defaults.idleTimeout()),
                env.integer("MAX_MESSAGE_BYTES", defaults.maxMessageBytes(), 64, 16 * 1024 * 1024),
                env.integer("SEND_QUEUE_BYTES", HubSettings.DEFAULT_SEND_QUEUE_BYTES, 64 * 1024, 1024 * 1024 * 1024),
                env.integer("BROADCAST_QUEUE_SIZE", HubSettings.DEFAULT_BROADCAST_QUEUE_SIZE, 1, 1_000_000),
                env.durationOrZero("WRITE_INTERVAL", HubSettings.DEFAULT_WRITE_INTERVAL),
                new Presence(env.integer("PRESENCE_LIMIT", Presence.DEFAULT.limit(), 0, 1_000_000),
                        env.duration("PRESENCE_INTERVAL", Presence.DEFAULT.interval())),
                env.integer("MAX_ROOMS_PER_CONNECTION", RoomLimits.DEFAULT.perConnection(), 1, 1000),
                env.integer("HISTORY_SIZE", InMemoryMessageStore.DEFAULT_PER_ROOM, 1, 1_000_000),
                env.integer("HISTORY_MAX_MB", (int) (InMemoryMessageStore.DEFAULT_MAX_BYTES >> 20), 1, 1_000_000)
                        * 1024L * 1024L,
                env.integer("HISTORY_ON_JOIN", RoomLimits.DEFAULT.historyOnJoin(), 0, 100_000),
                env.duration("SHUTDOWN_TIMEOUT", HubSettings.DEFAULT_SHUTDOWN_TIMEOUT),
                env.origins("ALLOWED_ORIGINS"),
                env.choice("LOG_LEVEL", "info", LOG_LEVELS),
                env.integer("WARMUP_SESSIONS", DEFAULT_WARMUP_SESSIONS, 0, 100_000),
                AuthConfig.read(env),
                AuthConfig.expiryWarning(env),
                env.roomPatterns("PRIVATE_ROOMS"),
                env.integer("RATE_LIMIT_PER_SEC", DEFAULT_RATE_LIMIT_PER_SEC, Integer.MIN_VALUE, 1_000_000),
                env.integer("RATE_LIMIT_BURST", DEFAULT_RATE_LIMIT_BURST, Integer.MIN_VALUE, 1_000_000),
                env.integer("USER_RATE_LIMIT_PER_SEC", DEFAULT_USER_RATE_LIMIT_PER_SEC, Integer.MIN_VALUE, 1_000_000),
                env.integer("USER_RATE_LIMIT_BURST", DEFAULT_USER_RATE_LIMIT_BURST, Integer.MIN_VALUE, 1_000_000),
                env.integer("MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 0, 10_000_000),
                env.integer("MAX_CONNECTIONS_PER_ADDRESS", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 0, 10_000_000),
                env.integer("MAX_CONNECTIONS_PER_USER", DEFAULT_MAX_CONNECTIONS_PER_USER, 0, 10_000_000),
                env.integer("HANDSHAKES_PER_ADDRESS_PER_SEC", DEFAULT_HANDSHAKES_PER_ADDRESS_PER_SEC, 0, 10_000_000),
                env.addressRanges("TRUSTED_PROXIES"),
                env.duration("REQUEST_TIMEOUT", defaults.requestTimeout()),
                TlsConfig.read(env),
                env.choice("STORE", SQLITE, Set.of(MEMORY, SQLITE, POSTGRES, DYNAMODB)),
                Path.of(env.text("DATA_DIR", "data")).toAbsolutePath(),
                env.integer("RESUME_MAX_MESSAGES", InMemoryMessageStore.DEFAULT_PER_ROOM, 0, 1_000_000),
                env.durationOrZero("RETENTION_MAX_AGE", Duration.ZERO),
                env.integer("RETENTION_PER_ROOM", 0, 0, 1_000_000_000),
                DatabaseConfig.read(env),
                Optional.empty(),
                env.choice("WEB_UI", "on", Set.of("on", "off")).equals("on"),
                env.durationOrZero("DRAIN_TIMEOUT", DEFAULT_DRAIN_TIMEOUT),
                env.durationOrZero("EDIT_WINDOW", Amendments.DEFAULT_EDIT_WINDOW),
                ReadReceipts.valueOf(env.choice("READ_RECEIPTS", "room", Set.of("room", "self")).toUpperCase(Locale.ROOT)),
                env.durationOrZero("NONCE_WINDOW", HubSettings.DEFAULT_NONCE_WINDOW),
                ApiConfig.read(env),
                HookConfig.read(env),
                WebhookConfig.read(env),
                Optional.empty());
        var dynamo = built.store().equals(DYNAMODB)
                ? Optional.of(DynamoConfig.read(env, built.retentionMaxAge())) : Optional.<DynamoSettings>empty();
        var config = built.withBackends(ClusterConfig.read(env, built.historySize(), built.presence().limit(),
                built.nonceWindow()), dynamo);
        if (config.store().equals(DYNAMODB) && config.retentionPerRoom() > 0) {
            throw new ConfigException("RETENTION_PER_ROOM is not built for STORE=dynamodb: its RETENTION_MAX_AGE is, "
                    + "by DynamoDB's time to live; or keep history in sqlite or postgres");
        }
        if (config.cluster().isPresent() && config.store().equals(SQLITE)) {
            throw new ConfigException("REDIS_URL: several nodes cannot share one SQLite file; set STORE=postgres to "
                    + "keep history for good, or STORE=memory to keep each room's last HISTORY_SIZE messages in Redis");
        }
        if (config.store().equals(POSTGRES) && config.database().isEmpty()) {
            throw new ConfigException("STORE=postgres needs DATABASE_URL, a JDBC URL such as "
                    + "jdbc:postgresql://db:5432/chat");
        }
        if (config.historyOnJoin() > config.historySize()) {
            throw new ConfigException("HISTORY_ON_JOIN (" + config.historyOnJoin() + ") must not be more than "
                    + "HISTORY_SIZE (" + config.historySize() + "), the messages kept per room");
        }
        boolean verified = config.authentication().isPresent() || config.hooks().connect().isPresent();
        if (!config.privateRooms().isEmpty() && !verified) {
            throw new ConfigException("PRIVATE_ROOMS needs verified identities: set AUTH_SECRET, AUTH_PUBLIC_KEY_FILE, "
                    + "AUTH_JWKS_URL or HOOK_CONNECT_URL, or anyone could claim to be a user the rooms are granted to");
        }
        if (config.pingInterval().compareTo(config.idleTimeout()) >= 0) {
            throw new ConfigException("PING_INTERVAL (" + Environment.text(config.pingInterval())
                    + ") must be shorter than IDLE_TIMEOUT (" + Environment.text(config.idleTimeout())
                    + "), or quiet clients are closed before a ping");
        }
        return new Loaded(config, env.effective());
    }

    private ChatConfig withBackends(Optional<RedisSettings> redis, Optional<DynamoSettings> table) {
        return new ChatConfig(host, port, pingInterval, idleTimeout, maxMessageBytes, sendQueueBytes,
                broadcastQueueSize, writeInterval, presence, maxRoomsPerConnection, historySize, historyMaxBytes,
                historyOnJoin, shutdownTimeout, allowedOrigins, logLevel, warmupSessions, authentication,
                expiryWarning, privateRooms, rateLimitPerSec, rateLimitBurst, userRateLimitPerSec, userRateLimitBurst,
                maxConnections, maxConnectionsPerAddress, maxConnectionsPerUser, handshakesPerAddressPerSec,
                trustedProxies, requestTimeout, tls, store, dataDir, resumeMaxMessages, retentionMaxAge,
                retentionPerRoom, database, redis, webUi, drainTimeout, editWindow, readReceipts, nonceWindow, apiKeys,
                hooks, webhooks, table);
    }

    /** For the startup log: a single node, or which node of which cluster. */
    String clusterLocation() {
        return cluster.map(redis -> "node " + redis.node() + " of the cluster over Redis").orElse("a single node");
    }

    HubSettings hubSettings() {
        return HubSettings.defaults()
                .withBroadcastQueueSize(broadcastQueueSize)
                .withSendQueueBytes(sendQueueBytes)
                .withWriteInterval(writeInterval)
                .withPresence(presence)
                .withRoomLimits(new RoomLimits(maxRoomsPerConnection, historyOnJoin, resumeMaxMessages,
                        historyMaxBytes / 4))
                .withShutdownTimeout(shutdownTimeout)
                .withClock(Clock.systemUTC())
                .withThrottle(throttle())
                .withUserThrottle(throttle(userRateLimitPerSec, userRateLimitBurst))
                .withAmendments(new Amendments(editWindow))
                .withReadReceipts(readReceipts)
                .withNonceWindow(nonceWindow);
    }

    Throttle throttle() {
        return throttle(rateLimitPerSec, rateLimitBurst);
    }

    /** As in the original server's later version, a rate or a burst of 0 or less turns the limit off. */
    private static Throttle throttle(int perSecond, int burst) {
        return perSecond > 0 && burst > 0 ? new Bucket4jThrottle(perSecond, burst) : Throttle.UNLIMITED;
    }

    /**
     * With {@code STORE=sqlite}, the database in {@code DATA_DIR}; with {@code STORE=postgres}, the one at
     * {@code DATABASE_URL}; opened now.
     *
     * @throws IllegalStateException if it cannot be opened, saying why
     */
    Optional<DurableStore> durableStore(Telemetry telemetry) {
        var retention = new Retention(retentionMaxAge, retentionPerRoom, RETENTION_SWEEP);
        try {
            return switch (store) {
                case SQLITE -> Optional.of(DurableStore.of(
                        SqliteMessageStore.open(dataDir, STORE_QUEUE, telemetry, retention)));
                case POSTGRES -> Optional.of(DurableStore.of(postgres(database.orElseThrow(), telemetry, retention)));
                case DYNAMODB -> Optional.of(DurableStore.of(DynamoMessageStore.open(dynamo.orElseThrow(),
                        STORE_QUEUE)));
                default -> Optional.empty();
            };
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("STORE=" + store + ": cannot open " + historyPlace() + ": "
                    + e.getMessage(), e);
        }
    }

    private static SqlMessageStore postgres(DatabaseConfig.Database at, Telemetry telemetry, Retention retention)
            throws SQLException {
        return PostgresMessageStore.open(at.url(), at.user(), at.password(), STORE_QUEUE, telemetry, retention);
    }

    /** Where history is kept, for the startup log. */
    String historyLocation() {
        return store.equals(MEMORY) ? "history kept in memory only (STORE=memory): a restart forgets it"
                : "history kept " + historyPlace();
    }

    private String historyPlace() {
        return switch (store) {
            case SQLITE -> "on disk in " + dataDir.resolve(SqliteMessageStore.FILE);
            case DYNAMODB -> "in DynamoDB table " + dynamo.map(DynamoSettings::table).orElse("") + " ("
                    + dynamo.flatMap(DynamoSettings::endpoint).map(Object::toString)
                            .orElseGet(() -> dynamo.map(DynamoSettings::region).orElse("")) + ")";
            default -> "in PostgreSQL at " + database.map(DatabaseConfig.Database::url).orElse("");
        };
    }

    /**
     * With {@code STORE=memory}, the only store: its ids start above any an earlier run gave, since it cannot know
     * them. HISTORY_MAX_MB bounds the history twice kept: three quarters here, a quarter encoded for newcomers.
     */
    MessageStore memoryStore() {
        return InMemoryMessageStore.numberedFromNow(Clock.systemUTC(), historySize,
                InMemoryMessageStore.DEFAULT_MAX_ROOMS, storeBytes());
    }

    /** In front of the durable store, which keeps the ids; bounded as {@link #memoryStore()} is. */
    MessageStore hotStore() {
        return new InMemoryMessageStore(historySize, InMemoryMessageStore.DEFAULT_MAX_ROOMS, storeBytes());
    }

    private long storeBytes() {
        return historyMaxBytes - historyMaxBytes / 4;
    }

    ServerSettings serverSettings() {
        return ServerSettings.defaults()
                .withHost(host)
                .withPort(port)
                .withKeepalive(pingInterval, idleTimeout)
                .withMaxMessageBytes(maxMessageBytes)
                .withAllowedOrigins(allowedOrigins)
                .withExpiryWarning(expiryWarning)
                .withPrivateRooms(privateRooms)
                .withConnectionCaps(maxConnections, maxConnectionsPerAddress)
                .withMaxConnectionsPerUser(maxConnectionsPerUser)
                .withMaxHandshakesPerAddressPerSecond(handshakesPerAddressPerSec)
                .withTrustedProxies(trustedProxies)
                .withRequestTimeout(requestTimeout)
                .withTls(tls)
                .withWebUi(webUi)
                .withApiKeys(apiKeys);
    }

    /** How clients reach the server: {@code https} and {@code wss} where it speaks TLS itself. */
    String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
