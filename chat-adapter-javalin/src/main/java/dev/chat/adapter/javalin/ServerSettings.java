package dev.chat.adapter.javalin;

import static java.util.Objects.requireNonNull;

import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Admissions;
import dev.chat.domain.port.needed.Telemetry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the web server runs.
 *
 * @param host            the address to listen on; {@code 0.0.0.0} for every interface
 * @param port            0 picks a free port
 * @param pingInterval    how often every connection is pinged
 * @param idleTimeout     a connection that sends nothing, not even a pong, for this long is closed
 * @param maxMessageBytes a larger text message closes its connection with 1009
 * @param allowedOrigins  the browser origins allowed to connect; empty allows every origin
 * @param tokenGrace      how long past its token's expiry a verified connection stays open
 * @param expiryWarning   how long before its token's expiry a verified connection is told to refresh it
 * @param privateRooms    the rooms only a token that grants them may use; none unless identities are verified
 * @param maxConnections  the most WebSockets open at once; 0 for no cap
 * @param maxConnectionsPerAddress the most WebSockets open at once from one client address; 0 for no cap
 * @param maxConnectionsPerUser the most WebSockets open at once for one userId; 0 for no cap
 * @param maxHandshakesPerAddressPerSecond the most upgrades one client address may ask for in a second; 0 for any
 * @param trustedProxies  peers whose {@code X-Forwarded-For} names the client's address: addresses or blocks
 * @param requestTimeout  a connection whose first request has not arrived whole by then is closed, however slowly
 *                        it keeps sending
 * @param tls             when present, the server speaks HTTPS and WSS only, with this certificate
 * @param telemetry       where handshake latencies are reported
 * @param metricsPage     when present, served at {@code GET /metrics}, for operators only once identities are
 *                        verified
 * @param webUi           whether the chat page ({@code /}) and the dashboard ({@code /admin}) are served; the
 *                        client library ({@code /client/chat.js}) always is
 * @param apiKeys         what the server API takes in {@code X-API-Key}; without any, and without verified
 *                        identities (whose operators may use it), its routes are refused
 * @param admissions      when present, the connect hook: the product's backend decides each upgrade, and may say
 *                        who the client is, so that a client need not name itself
 */
public record ServerSettings(
        String host, int port, Duration pingInterval, Duration idleTimeout, int maxMessageBytes,
        Set<String> allowedOrigins, Duration tokenGrace, Duration expiryWarning, RoomPatterns privateRooms,
        int maxConnections, int maxConnectionsPerAddress, int maxConnectionsPerUser,
        int maxHandshakesPerAddressPerSecond, Set<AddressRange> trustedProxies,
        Duration requestTimeout, Optional<TlsCertificate> tls, Telemetry telemetry, Optional<MetricsPage> metricsPage,
        boolean webUi, ApiKeys apiKeys, Optional<Admissions> admissions) {

    public ServerSettings {
        requireNonNull(host, "host");
        requireNonNull(pingInterval, "pingInterval");
        requireNonNull(idleTimeout, "idleTimeout");
        allowedOrigins = Set.copyOf(allowedOrigins);
        requireNonNull(tokenGrace, "tokenGrace");
        requireNonNull(expiryWarning, "expiryWarning");
        requireNonNull(privateRooms, "privateRooms");
        trustedProxies = Set.copyOf(trustedProxies);
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(tls, "tls");
        requireNonNull(telemetry, "telemetry");
        requireNonNull(metricsPage, "metricsPage");
        requireNonNull(apiKeys, "apiKeys");
        requireNonNull(admissions, "admissions");
    }

    public static ServerSettings defaults() {
        return new ServerSettings("0.0.0.0", 8080, Duration.ofSeconds(54), Duration.ofSeconds(60), 8192, Set.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(60), RoomPatterns.NONE, 0, 0, 0, 0, Set.of(),
                Duration.ofSeconds(10), Optional.empty(), Telemetry.NONE, Optional.empty(), true,
                ApiKeys.NONE, Optional.empty());
    }

    public ServerSettings withHost(String newHost) {
        return with(draft -> draft.host = newHost);
    }

    public ServerSettings withPort(int newPort) {
        return with(draft -> draft.port = newPort);
    }

    public ServerSettings withKeepalive(Duration newPingInterval, Duration newIdleTimeout) {
        return with(draft -> {
            draft.pingInterval = newPingInterval;
            draft.idleTimeout = newIdleTimeout;
        });
    }

    public ServerSettings withMaxMessageBytes(int bytes) {
        return with(draft -> draft.maxMessageBytes = bytes);
    }

    public ServerSettings withAllowedOrigins(Set<String> origins) {
        return with(draft -> draft.allowedOrigins = origins);
    }

    public ServerSettings withTokenGrace(Duration grace) {
        return with(draft -> draft.tokenGrace = grace);
    }

    public ServerSettings withExpiryWarning(Duration warning) {
        return with(draft -> draft.expiryWarning = warning);
    }

    public ServerSettings withPrivateRooms(RoomPatterns rooms) {
        return with(draft -> draft.privateRooms = rooms);
    }

    public ServerSettings withConnectionCaps(int total, int perAddress) {
        return with(draft -> {
            draft.maxConnections = total;
            draft.maxConnectionsPerAddress = perAddress;
        });
    }

    public ServerSettings withMaxConnectionsPerUser(int perUser) {
        return with(draft -> draft.maxConnectionsPerUser = perUser);
    }

    public ServerSettings withMaxHandshakesPerAddressPerSecond(int perSecond) {
        return with(draft -> draft.maxHandshakesPerAddressPerSecond = perSecond);
    }

    public ServerSettings withTrustedProxies(Set<AddressRange> proxies) {
        return with(draft -> draft.trustedProxies = proxies);
    }

    public ServerSettings withRequestTimeout(Duration timeout) {
        return with(draft -> draft.requestTimeout = timeout);
    }

    public ServerSettings withTls(Optional<TlsCertificate> certificate) {
        return with(draft -> draft.tls = certificate);
    }

    public ServerSettings withTelemetry(Telemetry newTelemetry) {
        return with(draft -> draft.telemetry = newTelemetry);
    }

    public ServerSettings withMetricsPage(MetricsPage page) {
        return with(draft -> draft.metricsPage = Optional.of(page));
    }

    public ServerSettings withWebUi(boolean served) {
        return with(draft -> draft.webUi = served);
    }

    public ServerSettings withAdmissions(Admissions connectHook) {
        return with(draft -> draft.admissions = Optional.of(connectHook));
    }

    public ServerSettings withApiKeys(ApiKeys keys) {
        return with(draft -> draft.apiKeys = keys);
    }

    /** A request without an Origin header does not come from a browser page, so there is nothing to check. */
    boolean allowsOrigin(String origin) {
        return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }

    /** The one place that copies every field: a change is made to a draft of these settings. */
    private ServerSettings with(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return new ServerSettings(draft.host, draft.port, draft.pingInterval, draft.idleTimeout,
                draft.maxMessageBytes, draft.allowedOrigins, draft.tokenGrace, draft.expiryWarning, draft.privateRooms,
                draft.maxConnections, draft.maxConnectionsPerAddress, draft.maxConnectionsPerUser,
                draft.maxHandshakesPerAddressPerSecond, draft.trustedProxies, draft.requestTimeout,
                draft.tls, draft.telemetry, draft.metricsPage, draft.webUi, draft.apiKeys,
                draft.admissions);
    }

    private static final class Draft {
        String host;
        int port;
        Duration pingInterval;
        Duration idleTimeout;
        int maxMessageBytes;
        Set<String> allowedOrigins;
        Duration tokenGrace;
        Duration expiryWarning;
        RoomPatterns privateRooms;
        int maxConnections;
        int maxConnectionsPerAddress;
        int maxConnectionsPerUser;
        int maxHandshakesPerAddressPerSecond;
        Set<AddressRange> trustedProxies;
        Duration requestTimeout;
        Optional<TlsCertificate> tls;
        Telemetry telemetry;
        Optional<MetricsPage> metricsPage;
        boolean webUi;
        ApiKeys apiKeys;
        Optional<Admissions> admissions;

        Draft(ServerSettings settings) {
            host = settings.host;
            port = settings.port;
            pingInterval = settings.pingInterval;
            idleTimeout = settings.idleTimeout;
            maxMessageBytes = settings.maxMessageBytes;
            allowedOrigins = settings.allowedOrigins;
            tokenGrace = settings.tokenGrace;
            expiryWarning = settings.expiryWarning;
            privateRooms = settings.privateRooms;
            maxConnections = settings.maxConnections;
            maxConnectionsPerAddress = settings.maxConnectionsPerAddress;
            maxConnectionsPerUser = settings.maxConnectionsPerUser;
            maxHandshakesPerAddressPerSecond = settings.maxHandshakesPerAddressPerSecond;
            trustedProxies = settings.trustedProxies;
            requestTimeout = settings.requestTimeout;
            tls = settings.tls;
            telemetry = settings.telemetry;
            metricsPage = settings.metricsPage;
            webUi = settings.webUi;
            apiKeys = settings.apiKeys;
            admissions = settings.admissions;
        }
    }
}
