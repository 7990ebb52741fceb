package dev.chat.app;

import dev.chat.adapter.httpclient.HttpHooks;
import dev.chat.adapter.httpclient.Webhooks;
import dev.chat.adapter.javalin.JavalinChatServer;
import dev.chat.adapter.javalin.MetricsPage;
import dev.chat.adapter.jwt.JwtAuthenticator;
import dev.chat.adapter.micrometer.PrometheusTelemetry;
import dev.chat.adapter.redis.RedisCluster;
import dev.chat.domain.port.needed.Authenticator;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import dev.chat.hub.TieredMessageStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: the hub, and the web server in front of it, started and stopped together. */
final class ChatApplication {

    static final String SHUTDOWN_NOTICE = "The server is shutting down.";
    private static final Logger LOG = LoggerFactory.getLogger(ChatApplication.class);

    private final ChatConfig config;
    private final Hub hub;
    private final JavalinChatServer server;
    private final Optional<DurableStore> durable;
    private final Optional<RedisCluster> cluster;
    private final Optional<Webhooks> webhooks;

    private ChatApplication(ChatConfig config, Hub hub, JavalinChatServer server,
            Optional<DurableStore> durable, Optional<RedisCluster> cluster, Optional<Webhooks> webhooks) {
        this.webhooks = webhooks;
        this.config = config;
        this.hub = hub;
        this.server = server;
        this.durable = durable;
        this.cluster = cluster;
    }

    /**
     * With a durable store, recent history is served from memory in front of it. Every part reports to one
     * Prometheus registry, served at {@code /metrics}.
     */
    static ChatApplication start(ChatConfig config) {
        var telemetry = new PrometheusTelemetry();
        var durable = config.durableStore(telemetry);
        Optional<RedisCluster> cluster;
        try {
            cluster = config.cluster().map(redis -> RedisCluster.open(redis, Clock.systemUTC()));
            cluster.ifPresent(redis -> warmUp(redis, config.warmupSessions()));
        } catch (RuntimeException e) {
            closeStore(durable);
            throw e;
        }
        var hooks = config.hooks().any() ? Optional.of(new HttpHooks(config.hooks())) : Optional.<HttpHooks>empty();
        var webhooks = config.webhooks().map(where -> new Webhooks(where, Clock.systemUTC()));
        var hubSettings = hubSettings(config, telemetry, hooks, webhooks);
        var hub = cluster.map(redis -> clusteredHub(hubSettings, durable, redis))
                .orElseGet(() -> singleHub(config, hubSettings, durable));
        telemetry.observeHub(hub::stats);
        durable.ifPresent(disk -> observe(telemetry, disk));
        webhooks.ifPresent(sender -> observe(telemetry, sender));
        try {
            var authenticator = config.authentication().<Authenticator>map(JwtAuthenticator::new);
            var served = config.serverSettings().withTelemetry(telemetry).withMetricsPage(page(telemetry));
            var settings = hooks.filter(any -> config.hooks().connect().isPresent())
                    .map(served::withAdmissions).orElse(served);
            return new ChatApplication(config, hub,
                    new JavalinChatServer(hub, settings, authenticator).start(), durable, cluster, webhooks);
        } catch (RuntimeException e) {
            hub.close();
            webhooks.ifPresent(Webhooks::close);
            cluster.ifPresent(RedisCluster::close);
            closeStore(durable);
            throw e;
        }
    }

    private static void warmUp(RedisCluster cluster, int rounds) {
        long started = System.nanoTime();
        int done = cluster.warmUp(rounds);
        LOG.info("warmed up the path to Redis with {} of {} rounds in {} ms", done, rounds,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The hooks decide what members may do; the webhooks are told what happened. */
    private static HubSettings hubSettings(ChatConfig config, PrometheusTelemetry telemetry, Optional<HttpHooks> hooks,
            Optional<Webhooks> webhooks) {
        var settings = config.hubSettings().withTelemetry(telemetry);
        var approving = hooks.map(settings::withApprovals).orElse(settings);
        return webhooks.map(approving::withEvents).orElse(approving);
    }

    private static Hub singleHub(ChatConfig config, HubSettings settings, Optional<DurableStore> durable) {
        var store = durable.<MessageStore>map(disk -> new TieredMessageStore(config.hotStore(), disk.history()))
                .orElseGet(config::memoryStore);
        return new Hub(durable.map(disk -> settings.withReadMarks(disk.readMarks()).withSanctions(disk.sanctions()))
                .orElse(settings), store).start();
    }

    /**
     * Recent history from Redis, which every node shares; older history from the durable store, if any. Read marks,
     * bans and mutes in Redis, where every node sees them.
     */
    private static Hub clusteredHub(HubSettings settings, Optional<DurableStore> durable, RedisCluster cluster) {
        var store = durable.<MessageStore>map(disk -> new TieredMessageStore(cluster.history(), disk.history()))
                .orElseGet(cluster::history);
        return new Hub(settings.withReadMarks(cluster.readMarks()).withSanctions(cluster.sanctions()), store, cluster)
                .start();
    }

    private static void observe(PrometheusTelemetry telemetry, DurableStore store) {
        telemetry.gauge("chat.store.queue.length", "messages waiting for the durable store",
                store.queued()::getAsInt);
        telemetry.counter("chat.store.write.failures", "messages the durable store could not keep",
                store.failedWrites()::getAsLong);
        telemetry.gauge("chat.store.available", "1 while the durable store takes its writes, else 0",
                () -> store.available().getAsBoolean() ? 1 : 0);
        store.throttled().ifPresent(throttled -> telemetry.counter("chat.store.throttled",
                "writes DynamoDB throttled or left unprocessed, each written again", throttled::getAsLong));
    }

    private static void observe(PrometheusTelemetry telemetry, Webhooks webhooks) {
        telemetry.gauge("chat.webhook.queue.length", "events waiting to be sent to WEBHOOK_URL", webhooks::queued);
        telemetry.counter("chat.webhook.events.delivered", "events WEBHOOK_URL took", webhooks::delivered);
        telemetry.counter("chat.webhook.events.dropped", "events dropped because the webhook queue was full",
                webhooks::dropped);
        telemetry.counter("chat.webhook.request.failures", "webhook requests not taken, each sent again",
                webhooks::failedRequests);
    }

    private static MetricsPage page(PrometheusTelemetry telemetry) {
        return new MetricsPage() {
            @Override
            public String contentType() {
                return PrometheusTelemetry.CONTENT_TYPE;
            }

            @Override
            public String render() {
                return telemetry.render();
            }
        };
    }

    int port() {
        return server.port();
    }

    /**
     * Takes no new connections, tells every client the server is going, delivers what is queued, closes every
     * socket with 1001 and stops, all within the shutdown timeout. A node of a cluster drains first, and closes with
     * 1012 instead: see {@link #drain}.
     *
     * @return true if every socket finished closing in time
     */
    boolean stop() throws InterruptedException {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        var reason = cluster.isPresent() ? drain(deadline) : CloseReason.GOING_AWAY;
        server.stopAccepting();
        hub.announce(SHUTDOWN_NOTICE);
        hub.close(reason);
        webhooks.ifPresent(Webhooks::close);
        cluster.ifPresent(RedisCluster::close);
        var closed = server.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        closeStore(durable);
        return closed;
    }

    /**
     * Another node can take this one's clients: it says it is not ready at once, so that a balancer sends new
     * clients elsewhere, serves the ones it has for {@code DRAIN_TIMEOUT} (within the shutdown timeout), then has
     * them reconnect at once, which a balancer sends to another node, where they resume.
     */
    private CloseReason drain(long deadline) throws InterruptedException {
        server.drain();
        long wait = Math.min(config.drainTimeout().toNanos(), deadline - System.nanoTime());
        LOG.info("draining for {} ms before closing every client with 1012", TimeUnit.NANOSECONDS.toMillis(wait));
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        return CloseReason.SERVICE_RESTART;
    }

    /** After the hub has stopped, so that every message it published is written before the database closes. */
    private static void closeStore(Optional<DurableStore> durable) {
        durable.ifPresent(store -> {
            try {
                store.owner().close();
            } catch (Exception e) {
                LOG.error("the history store did not close cleanly: {}", e.getMessage());
            }
        });
    }
}
