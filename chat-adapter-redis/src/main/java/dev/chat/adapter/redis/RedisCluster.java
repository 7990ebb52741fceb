package dev.chat.adapter.redis;

import dev.chat.domain.Analytics;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.NodeReport;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Cluster;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a chat served by several, over one Redis server or several: every change goes through {@code chat.lua}
 * (numbering, history, delivery and presence, each atomic), a node hears a room's messages on the room's channel
 * while it has members in the room, and each node beats every third of its timeout so that the others can take its
 * users out of presence once it stops.
 *
 * <p>Redis is asked one command per message whatever the room's size; its pub/sub sends each message once to
 * each node that follows the room, and each node hands it to its own members. A node with no member in a room
 * spends nothing on it.
 *
 * <p>With several servers ({@link Shards}), each room lives on one, whole: its numbering, history, presence and
 * channel; each user's connections, marks and bans on one too. Each node beats to every server and hears its own
 * channels on every server. A server that stops answering stops its own rooms and users only: their posts are
 * refused, the other rooms go on.
 */
public final class RedisCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    /** Kept by {@code chat.lua} on each server: every node alive by its last beat there. */
    static final String NODES = "chat:nodes";
    private static final String ONLINE = "chat:online";
    /** Each node's last report, by node, on every server; {@code chat.lua} takes a node's out as it reaps the node. */
    private static final String REPORTS = "chat:reports";
    /** Reconnecting backs off from the first delay to the most, so a node is back within a second of Redis. */
    private static final Duration RECONNECT_FIRST = Duration.ofMillis(10);
    private static final Duration RECONNECT_MOST = Duration.ofSeconds(1);

    private final RedisSettings settings;
    private final ScriptArguments arguments;
    private final ClientResources resources;
    private final Shards<Shard> shards;
    private final BusCodec codec = new BusCodec();
    private final ReportCodec reportCodec = new ReportCodec();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisCluster(ScriptArguments arguments, ClientResources resources, Shards<Shard> shards) {
        this.settings = arguments.settings();
        this.arguments = arguments;
        this.resources = resources;
        this.shards = shards;
    }

    /**
     * Connects to every Redis server and takes this node's place in the cluster: whatever an earlier run under the
     * same node id left in presence is cleared (and its users' leaves announced) before the node beats for the first
     * time.
     *
     * @throws IllegalStateException naming the server if one cannot be reached
     */
    public static RedisCluster open(RedisSettings settings, Clock clock) {
        var resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(RECONNECT_FIRST, RECONNECT_MOST, 2, TimeUnit.MILLISECONDS))
                .build();
        var arguments = new ScriptArguments(settings, clock);
        var opened = new ArrayList<Shard>();
        try {
            for (var url : settings.urls()) {
                opened.add(Shard.open(url, resources, arguments));
            }
            return new RedisCluster(arguments, resources, new Shards<>(opened));
        } catch (RuntimeException e) {
            opened.forEach(Shard::close);
            resources.shutdown();
            throw e;
        }
    }

    /**
     * Sends Redis the reads a reconnect storm sends, {@code rounds} of each, on a room no client can name, before
     * this node serves anyone (see {@link WarmUp}). What warms is this node's code, the same for every server, so the
     * rounds are shared out among the servers: a start takes no longer with several.
     *
     * @return the rounds done: fewer than asked if a server stopped answering
     */
    public int warmUp(int rounds) {
        var servers = shards.all();
        int done = 0;
        for (int i = 0; i < servers.size(); i++) {
            int share = rounds / servers.size() + (i < rounds % servers.size() ? 1 : 0);
            var shard = servers.get(i);
            done += new WarmUp(shard.connection(), shard.script(), codec, settings.commandTimeout()).run(share);
        }
        return done;
    }

    /** How far each user has read each room, as every node sees it. */
    public RedisReadMarks readMarks() {
        return new RedisReadMarks(shards, settings.node(), settings.commandTimeout());
    }

    /** The bans and mutes, as every node sees them. */
    public RedisSanctions sanctions() {
        return new RedisSanctions(shards, codec, settings.commandTimeout());
    }

    /** The rooms' recent history as Redis keeps it, for the hub to read. */
    public RedisHistory history() {
        return new RedisHistory(shards, codec, settings.commandTimeout());
    }

    @Override
    public void start(Listener listener) {
        var heard = new BusListener(settings.node(), codec, listener);
        shards.all().forEach(shard -> shard.start(heard, listener::presenceLost));
    }

    @Override
    public long lastId(String room) {
        var offset = await(shards.of(room).connection().async().get(RedisHistory.key(room, "offset"))
                .toCompletableFuture());
        return offset == null ? 0 : Long.parseLong(offset);
    }

    /**
     * Subscribes before reading the room's last id: every message numbered after that id is published after the
     * subscription took hold, so it arrives.
     */
    @Override
    public long follow(String room) {
        shards.of(room).rooms().follow(room);
        return lastId(room);
    }

    @Override
    public void unfollow(String room) {
        shards.of(room).rooms().unfollow(room);
    }

    @Override
    public Entered enter(String room, Identity who, Instant at) {
        var shard = shards.of(room);
        List<Object> answer = await(shard.presenceChange(shard.script().run(ScriptOutputType.MULTI, "enter",
                settings.node(), arguments.origin(), arguments.maxHistory(), arguments.presenceLimit(), room,
                who.userId(), who.username(), at.toString(), arguments.summaryClaim())));
        return new Entered(Change.valueOf((String) answer.get(0)), ((Long) answer.get(1)).intValue(),
                identities((List<?>) answer.get(2)));
    }

    @Override
    public Change leave(String room, Identity who, Instant at) {
        var shard = shards.of(room);
        String change = await(shard.presenceChange(shard.script().run(ScriptOutputType.VALUE, "leave",
                settings.node(), arguments.origin(), arguments.maxHistory(), arguments.presenceLimit(), room,
                who.userId(), at.toString(), arguments.summaryClaim())));
        return Change.valueOf(change);
    }

    /**
     * The room's tally over every node, in one summary; this node's own count is in it. Only the node that claimed
     * the tally is told to summarise, so a large room gets one summary an interval, not one per node.
     */
    @Override
    public void summarise(String room, Message summary) {
        var shard = shards.of(room);
        shard.presenceChange(shard.script().run(ScriptOutputType.INTEGER, "summarise", settings.node(),
                arguments.origin(), arguments.maxHistory(), room, summary.timestamp().toString()));
    }

    @Override
    public CompletionStage<Numbered> publish(String room, Message message, Optional<Nonce> nonce) {
        var shard = shards.of(room);
        return shard.script().<Long>run(ScriptOutputType.INTEGER, "post", settings.node(), arguments.origin(),
                arguments.maxHistory(), room, message.type().name(), message.userId(), message.username(),
                message.content(), message.timestamp().toString(), shard.deadline(),
                message.type().amends() ? Long.toString(message.target()) : "",
                nonce.map(Nonce::value).orElse(""), Long.toString(settings.nonceWindow().toMillis()))
                .thenApply(id -> id < 0 ? new Numbered(-id, true) : new Numbered(id, false));
    }

    /** Straight onto the room's channel, past the script: nothing is numbered or kept, so nothing needs to be atomic. */
    @Override
    public void typing(String room, Identity who) {
        shards.of(room).connection().async().publish(Channels.room(room), codec.typing(settings.node(), room, who));
    }

    /**
     * On the channel every node reads, past the script: the user's tabs on any node are told, in the room or not.
     * The mark itself is kept by {@link RedisReadMarks}.
     */
    @Override
    public void read(String room, String userId, long id) {
        toEveryNode(userId, codec.read(settings.node(), room, userId, id));
    }

    /** On the bus alone: a node that misses it while away from Redis has its connections to Redis to lose too. */
    @Override
    public void disconnect(String userId, String reason) {
        toEveryNode(userId, codec.disconnect(settings.node(), userId, reason));
    }

    /** The sanction itself is kept by {@link RedisSanctions}; a node that misses this reads them all on its resync. */
    @Override
    public void sanctioned(SanctionChange change) {
        toEveryNode(change.userId(), codec.sanctioned(settings.node(), change));
    }

    /** Every node hears the channel on every server: the server that keeps the user carries it. */
    private void toEveryNode(String userId, String frame) {
        shards.of(userId).connection().async().publish(Channels.EVERY_NODE, frame);
    }

    /**
     * Published by the server that keeps the recipient, to the nodes of both: a sender kept on another server is
     * asked there first which nodes it is connected to.
     */
    @Override
    public CompletionStage<Boolean> send(DirectMessage direct) {
        var message = direct.message();
        var to = shards.of(direct.to());
        var from = shards.of(message.userId());
        var senderNodes = from == to ? CompletableFuture.completedFuture(List.<String>of())
                : from.connection().async().smembers(nodesOf(message.userId())).toCompletableFuture()
                        .thenApply(List::copyOf);
        return senderNodes.thenCompose(nodes -> {
            var call = new ArrayList<>(List.of("direct", settings.node(), direct.to(), message.userId(),
                    message.username(), message.content(), message.timestamp().toString(), to.deadline()));
            call.addAll(nodes);
            return to.script().<Long>run(ScriptOutputType.INTEGER, call.toArray(String[]::new));
        }).thenApply(delivered -> delivered == 1);
    }

    @Override
    public void online(Identity who) {
        var shard = shards.of(who.userId());
        shard.presenceChange(shard.script().run(ScriptOutputType.INTEGER, "online", settings.node(), who.userId()));
    }

    @Override
    public void offline(Identity who) {
        var shard = shards.of(who.userId());
        shard.presenceChange(shard.script().run(ScriptOutputType.INTEGER, "offline", settings.node(), who.userId()));
    }

    /** Each server is told what it keeps: the rooms that live on it, and being connected at all for its users. */
    @Override
    public void resync(List<Here> here, Instant at) {
        var heldOn = new LinkedHashMap<Shard, List<String>>();
        shards.all().forEach(shard -> heldOn.put(shard, new ArrayList<>()));
        for (var entry : here) {
            var room = entry.room() == null ? "" : entry.room();
            heldOn.get(shards.of(room.isEmpty() ? entry.who().userId() : room))
                    .addAll(List.of(entry.who().userId(), entry.who().username(), room));
        }
        heldOn.forEach((shard, held) -> {
            var call = new ArrayList<>(List.of("resync", settings.node(), arguments.origin(), arguments.maxHistory(),
                    arguments.presenceLimit(), at.toString()));
            call.addAll(held);
            shard.presenceChange(shard.script().<Long>run(ScriptOutputType.INTEGER, call.toArray(String[]::new)))
                    .thenAccept(rooms -> LOG.info("told Redis at {} again who is on node {}: {} entries, {} rooms "
                            + "changed", shard.address(), settings.node(), held.size() / 3, rooms));
        });
    }

    @Override
    public List<RoomSummary> rooms() {
        return fromEach(shard -> shard.connection().sync().hgetall("chat:rooms")).stream()
                .flatMap(rooms -> rooms.entrySet().stream())
                .map(room -> new RoomSummary(room.getKey(), Integer.parseInt(room.getValue())))
                .sorted(Comparator.comparingInt(RoomSummary::members).reversed().thenComparing(RoomSummary::room))
                .toList();
    }

    @Override
    public List<Identity> users(String room) {
        return shards.of(room).connection().sync().hgetall(RedisHistory.key(room, "names")).entrySet().stream()
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
        return fromEach(shard -> shard.connection().sync().zrange(NODES, 0, -1)).stream()
                .flatMap(List::stream).distinct().sorted().toList();
    }

    @Override
    public void report(HubStats stats, Analytics analytics) {
        var report = reportCodec.encode(stats, analytics);
        shards.all().forEach(shard -> shard.connection().async().hset(REPORTS, settings.node(), report));
    }

    @Override
    public List<NodeReport> reports() {
        var byNode = new TreeMap<String, String>();
        fromEach(shard -> shard.connection().sync().hgetall(REPORTS)).forEach(byNode::putAll);
        byNode.remove(settings.node());
        return byNode.entrySet().stream().map(report -> reportCodec.decode(report.getKey(), report.getValue()))
                .toList();
    }

    @Override
    public int connectedUsers() {
        return fromEach(shard -> shard.connection().sync().hlen(ONLINE)).stream().mapToInt(Long::intValue).sum();
    }

    /** Whether every server answers: with one down, its rooms refuse posts while the others go on. */
    @Override
    public boolean available() {
        return shards.all().stream().allMatch(Shard::available);
    }

    /** Stops beating and takes this node's users out of every room, announced, then disconnects. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shards.all().forEach(Shard::close);
        resources.shutdown();
    }

    /**
     * What each server that answers says: a server that does not is left out (its rooms and users with it), unless
     * none answers.
     */
    private <T> List<T> fromEach(Function<Shard, T> question) {
        var answers = new ArrayList<T>();
        RuntimeException failure = null;
        for (var shard : shards.all()) {
            try {
                answers.add(question.apply(shard));
            } catch (RuntimeException e) {
                LOG.warn("Redis at {} did not answer: {}", shard.address(), e.getMessage());
                failure = e;
            }
        }
        if (answers.isEmpty() && failure != null) {
            throw failure;
        }
        return answers;
    }

    /** A user's nodes as {@code chat.lua} names them. */
    private static String nodesOf(String userId) {
        return "chat:user:{" + userId + "}:nodes";
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
