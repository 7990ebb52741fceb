package dev.chat.adapter.redis;

import dev.chat.domain.Analytics;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.NodeReport;
import dev.chat.domain.Nonce;
import dev.chat.domain.MessageIds;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Cluster;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a chat served by several, over one Redis: every change goes through {@code chat.lua} (numbering,
 * history, delivery and presence, each atomic), a node hears a room's messages on the room's channel while it has
 * members in the room, and each node beats every third of its timeout so that the others can take its users out of
 * presence once it stops.
 *
 * <p>Redis is asked one command per message whatever the room's size; its pub/sub sends each message once to
 * each node that follows the room, and each node hands it to its own members. A node with no member in a room
 * spends nothing on it.
 */
public final class RedisCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    /** Kept by {@code chat.lua}: every node alive by its last beat, and every user connected on any. */
    static final String NODES = "chat:nodes";
    private static final String ONLINE = "chat:online";
    /** Each node's last report, by node; {@code chat.lua} takes a node's out as it takes the node out of presence. */
    private static final String REPORTS = "chat:reports";
    /** Reconnecting backs off from the first delay to the most, so a node is back within a second of Redis. */
    private static final Duration RECONNECT_FIRST = Duration.ofMillis(10);
    private static final Duration RECONNECT_MOST = Duration.ofSeconds(1);

    private final RedisSettings settings;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> bus;
    private final ChatScript script;
    private final BusCodec codec = new BusCodec();
    private final ReportCodec reportCodec = new ReportCodec();
    private final Heartbeat heartbeat;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RoomSubscriptions rooms;
    private volatile Listener listener;

    private RedisCluster(RedisSettings settings, Clock clock, ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> connection, StatefulRedisPubSubConnection<String, String> bus) {
        this.settings = settings;
        this.clock = clock;
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.bus = bus;
        this.script = ChatScript.load(connection.async());
        this.rooms = new RoomSubscriptions(bus, settings.commandTimeout());
        this.heartbeat = new Heartbeat(settings, clock, script, connection.sync(), this::reap);
    }

    /**
     * Connects to Redis and takes this node's place in the cluster: whatever an earlier run under the same node id
     * left in presence is cleared (and its users' leaves announced) before the node beats for the first time.
     *
     * @throws IllegalStateException with the reason if Redis cannot be reached
     */
    public static RedisCluster open(RedisSettings settings, Clock clock) {
        var resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(RECONNECT_FIRST, RECONNECT_MOST, 2, TimeUnit.MILLISECONDS))
                .build();
        var client = RedisClient.create(resources, RedisURI.create(settings.url()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        try {
            var cluster = new RedisCluster(settings, clock, resources, client, client.connect(),
                    client.connectPubSub());
            cluster.leaveEverything();
            cluster.heartbeat.beat();
            return cluster;
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + RedisURI.create(settings.url()).getHost()
                    + ":" + RedisURI.create(settings.url()).getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends Redis the reads a reconnect storm sends, {@code rounds} of each, on a room no client can name, before this
     * node serves anyone (see {@link WarmUp}).
     *
     * @return the rounds done: fewer if Redis stopped answering
     */
    public int warmUp(int rounds) {
        return new WarmUp(connection, script, codec, settings.commandTimeout()).run(rounds);
    }

    /** How far each user has read each room, as every node sees it. */
    public RedisReadMarks readMarks() {
        return new RedisReadMarks(connection, script, settings.node(), settings.commandTimeout());
    }

    /** The bans and mutes, as every node sees them. */
    public RedisSanctions sanctions() {
        return new RedisSanctions(connection, codec, settings.commandTimeout());
    }

    /** The rooms' recent history as Redis keeps it, for the hub to read. */
    public RedisHistory history() {
        return new RedisHistory(connection, codec, script, settings.commandTimeout());
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        bus.addListener(new BusListener(settings.node(), codec, listener));
        client.addListener(rooms);
        bus.sync().subscribe(Channels.EVERY_NODE, Channels.node(settings.node()));
        heartbeat.start(() -> this.listener.presenceLost());
    }

    @Override
    public long lastId(String room) {
        var offset = await(connection.async().get(RedisHistory.key(room, "offset")).toCompletableFuture());
        return offset == null ? 0 : Long.parseLong(offset);
    }

    /**
     * Subscribes before reading the room's last id: every message numbered after that id is published after the
     * subscription took hold, so it arrives.
     */
    @Override
    public long follow(String room) {
        rooms.follow(room);
        return lastId(room);
    }

    @Override
    public void unfollow(String room) {
        rooms.unfollow(room);
    }

    @Override
    public Entered enter(String room, Identity who, Instant at) {
        List<Object> answer = await(presenceChange(script.run(ScriptOutputType.MULTI, "enter", settings.node(),
                origin(), maxHistory(), presenceLimit(), room, who.userId(), who.username(),
                at.toString(), summaryClaim())));
        return new Entered(Change.valueOf((String) answer.get(0)), ((Long) answer.get(1)).intValue(),
                identities((List<?>) answer.get(2)));
    }

    @Override
    public Change leave(String room, Identity who, Instant at) {
        String change = await(presenceChange(script.run(ScriptOutputType.VALUE, "leave", settings.node(),
                origin(), maxHistory(), presenceLimit(), room, who.userId(), at.toString(), summaryClaim())));
        return Change.valueOf(change);
    }

    /**
     * The room's tally over every node, in one summary; this node's own count is in it. Only the node that claimed
     * the tally is told to summarise, so a large room gets one summary an interval, not one per node.
     */
    @Override
    public void summarise(String room, Message summary) {
        presenceChange(script.run(ScriptOutputType.INTEGER, "summarise", settings.node(), origin(), maxHistory(), room,
                summary.timestamp().toString()));
    }

    /** A node that stops with a summary due is taken for dead after its timeout; the tally then goes to another. */
    private String summaryClaim() {
        return Long.toString(settings.nodeTimeout().toMillis());
    }

    @Override
    public CompletionStage<Numbered> publish(String room, Message message, Optional<Nonce> nonce) {
        return script.<Long>run(ScriptOutputType.INTEGER, "post", settings.node(), origin(), maxHistory(), room,
                message.type().name(), message.userId(), message.username(), message.content(),
                message.timestamp().toString(), heartbeat.deadline(),
                message.type().amends() ? Long.toString(message.target()) : "",
                nonce.map(Nonce::value).orElse(""), Long.toString(settings.nonceWindow().toMillis()))
                .thenApply(id -> id < 0 ? new Numbered(-id, true) : new Numbered(id, false));
    }

    /** Straight onto the room's channel, past the script: nothing is numbered or kept, so nothing needs to be atomic. */
    @Override
    public void typing(String room, Identity who) {
        connection.async().publish(Channels.room(room), codec.typing(settings.node(), room, who));
    }

    /**
     * On the channel every node reads, past the script: the user's tabs on any node are told, in the room or not.
     * The mark itself is kept by {@link RedisReadMarks}.
     */
    @Override
    public void read(String room, String userId, long id) {
        connection.async().publish(Channels.EVERY_NODE, codec.read(settings.node(), room, userId, id));
    }

    /** On the bus alone: a node that misses it while away from Redis has its connections to Redis to lose too. */
    @Override
    public void disconnect(String userId, String reason) {
        connection.async().publish(Channels.EVERY_NODE, codec.disconnect(settings.node(), userId, reason));
    }

    /** The sanction itself is kept by {@link RedisSanctions}; a node that misses this reads them all on its resync. */
    @Override
    public void sanctioned(SanctionChange change) {
        connection.async().publish(Channels.EVERY_NODE, codec.sanctioned(settings.node(), change));
    }

    @Override
    public CompletionStage<Boolean> send(DirectMessage direct) {
        var message = direct.message();
        return script.<Long>run(ScriptOutputType.INTEGER, "direct", settings.node(), direct.to(), message.userId(),
                message.username(), message.content(), message.timestamp().toString(), heartbeat.deadline())
                .thenApply(delivered -> delivered == 1);
    }

    @Override
    public void online(Identity who) {
        presenceChange(script.run(ScriptOutputType.INTEGER, "online", settings.node(), who.userId()));
    }

    @Override
    public void offline(Identity who) {
        presenceChange(script.run(ScriptOutputType.INTEGER, "offline", settings.node(), who.userId()));
    }

    @Override
    public void resync(List<Here> here, Instant at) {
        var arguments = new ArrayList<>(List.of("resync", settings.node(), origin(), maxHistory(),
                presenceLimit(), at.toString()));
        for (var entry : here) {
            arguments.add(entry.who().userId());
            arguments.add(entry.who().username());
            arguments.add(entry.room() == null ? "" : entry.room());
        }
        presenceChange(script.<Long>run(ScriptOutputType.INTEGER, arguments.toArray(String[]::new)))
                .thenAccept(rooms -> LOG.info("told the cluster again who is on node {}: {} entries, {} rooms changed",
                        settings.node(), here.size(), rooms));
    }

    @Override
    public List<RoomSummary> rooms() {
        RedisCommands<String, String> redis = connection.sync();
        return redis.hgetall("chat:rooms").entrySet().stream()
                .map(room -> new RoomSummary(room.getKey(), Integer.parseInt(room.getValue())))
                .sorted(Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room))
                .toList();
    }

    @Override
    public List<Identity> users(String room) {
        return connection.sync().hgetall(RedisHistory.key(room, "names")).entrySet().stream()
                .map(user -> new Identity(user.getKey(), user.getValue()))
                .sorted(Comparator.comparing(Identity::userId))
                .toList();
    }

    @Override
    public String node() {
        return settings.node();
    }

    @Override
    public List<String> nodes() {
        return connection.sync().zrange(NODES, 0, -1);
    }

    @Override
    public void report(HubStats stats, Analytics analytics) {
        connection.async().hset(REPORTS, settings.node(), reportCodec.encode(stats, analytics));
    }

    @Override
    public List<NodeReport> reports() {
        return connection.sync().hgetall(REPORTS).entrySet().stream()
                .filter(report -> !report.getKey().equals(settings.node()))
                .map(report -> reportCodec.decode(report.getKey(), report.getValue()))
                .sorted(Comparator.comparing(NodeReport::node))
                .toList();
    }

    @Override
    public int connectedUsers() {
        return connection.sync().hlen(ONLINE).intValue();
    }

    @Override
    public boolean available() {
        return heartbeat.answering() && connection.isOpen() && bus.isOpen();
    }

    /** Stops beating and takes this node's users out of every room, announced, then disconnects. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeat.close();
        try {
            leaveEverything();
        } catch (RuntimeException e) {
            LOG.warn("could not take node {} out of presence; the others will once its heartbeat expires: {}",
                    settings.node(), e.getMessage());
        }
        bus.close();
        connection.close();
        client.shutdown();
        resources.shutdown();
    }

    /** Takes a node that stopped beating out of presence; Redis refuses while the node still beats. */
    private void reap(String node) {
        long rooms = takeOutOfPresence(node);
        if (rooms >= 0) {
            LOG.warn("node {} stopped beating; its users left {} rooms", node, rooms);
        }
    }

    /** This node leaves: each of its users leaves each room, on its own or in the room's summary. */
    private void leaveEverything() {
        takeOutOfPresence(settings.node());
    }

    /** @return the rooms the node's users left, or -1 if the node still beats */
    private long takeOutOfPresence(String node) {
        return await(script.<Long>run(ScriptOutputType.INTEGER, "reap", settings.node(), origin(), maxHistory(),
                presenceLimit(), clock.instant().toString(), node));
    }

    private <T> CompletableFuture<T> presenceChange(CompletableFuture<T> change) {
        return change.whenComplete((result, failure) -> {
            if (failure != null) {
                heartbeat.mayHaveLostAChange();
            }
        });
    }

    private String origin() {
        return Long.toString(MessageIds.origin(clock.instant()));
    }

    private String presenceLimit() {
        return Integer.toString(settings.presenceLimit());
    }

    private String maxHistory() {
        return Integer.toString(settings.historyPerRoom());
    }

    private static List<Identity> identities(List<?> flat) {
        var users = new ArrayList<Identity>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            users.add(new Identity((String) flat.get(i), (String) flat.get(i + 1)));
        }
        return users;
    }

    private <T> T await(CompletableFuture<T> answer) {
        return Answers.await(answer, settings.commandTimeout());
    }
}
