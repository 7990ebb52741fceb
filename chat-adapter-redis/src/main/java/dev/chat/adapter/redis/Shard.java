package dev.chat.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis server of the cluster, as this node holds it: a connection for commands, one for the channels it hears,
 * the script loaded in it, the rooms it follows there and its heartbeat there. The server knows whom this node holds
 * in the rooms and of the users it keeps, and takes them out if this node stops beating to it.
 */
final class Shard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);

    private final String address;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> bus;
    private final ChatScript script;
    private final RoomSubscriptions rooms;
    private final Heartbeat heartbeat;
    private final ScriptArguments arguments;

    private Shard(String address, RedisClient client, StatefulRedisConnection<String, String> connection,
            StatefulRedisPubSubConnection<String, String> bus, ScriptArguments arguments) {
        this.address = address;
        this.client = client;
        this.connection = connection;
        this.bus = bus;
        this.arguments = arguments;
        this.script = ChatScript.load(connection.async());
        this.rooms = new RoomSubscriptions(bus, arguments.settings().commandTimeout());
        this.heartbeat = new Heartbeat(arguments.settings(), arguments.clock(), script, connection.sync(), this::reap);
    }

    /**
     * Connects and loads the script; whatever an earlier run under the same node id left here is taken out of
     * presence (announced) before the node beats here for the first time.
     *
     * @throws IllegalStateException naming the server if it cannot be reached
     */
    static Shard open(String url, ClientResources resources, ScriptArguments arguments) {
        var uri = RedisURI.create(url);
        var address = uri.getHost() + ":" + uri.getPort();
        var client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(arguments.settings().commandTimeout()))
                .build());
        try {
            var shard = new Shard(address, client, client.connect(), client.connectPubSub(), arguments);
            shard.takeOutOfPresence(arguments.settings().node());
            shard.heartbeat.beat();
            return shard;
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot reach Redis at " + address + ": " + e.getMessage(), e);
        }
    }

    /** Hears this node's channels here, follows its rooms here again after each reconnect, and beats. */
    void start(BusListener listener, Runnable presenceLost) {
        bus.addListener(listener);
        client.addListener(rooms);
        var node = arguments.settings().node();
        bus.sync().subscribe(Channels.EVERY_NODE, Channels.node(node));
        heartbeat.start(presenceLost);
    }

    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    ChatScript script() {
        return script;
    }

    RoomSubscriptions rooms() {
        return rooms;
    }

    /** By this server's clock, when a message must reach it to be published (see {@link Heartbeat#deadline}). */
    String deadline() {
        return heartbeat.deadline();
    }

    /** A change of presence sent here; if it fails, the next beat that is answered asks for a resync. */
    <T> CompletableFuture<T> presenceChange(CompletableFuture<T> change) {
        return change.whenComplete((result, failure) -> {
            if (failure != null) {
                heartbeat.mayHaveLostAChange();
            }
        });
    }

    boolean available() {
        return heartbeat.answering() && connection.isOpen() && bus.isOpen();
    }

    String address() {
        return address;
    }

    /** Stops beating here and takes this node's users out of presence here, announced, then disconnects. */
    @Override
    public void close() {
        heartbeat.close();
        try {
            takeOutOfPresence(arguments.settings().node());
        } catch (RuntimeException e) {
            LOG.warn("could not take node {} out of presence in Redis at {}; the others will once its heartbeat "
                    + "expires: {}", arguments.settings().node(), address, e.getMessage());
        }
        bus.close();
        connection.close();
        client.shutdown();
    }

    /** Takes a node that stopped beating here out of presence; Redis refuses while the node still beats. */
    private void reap(String node) {
        long rooms = takeOutOfPresence(node);
        if (rooms >= 0) {
            LOG.warn("node {} stopped beating to Redis at {}; its users left {} rooms", node, address, rooms);
        }
    }

    /** @return the rooms the node's users left, or -1 if the node still beats */
    private long takeOutOfPresence(String node) {
        return Answers.await(script.<Long>run(ScriptOutputType.INTEGER, "reap", arguments.settings().node(),
                arguments.origin(), arguments.maxHistory(), arguments.presenceLimit(), arguments.now(), node),
                arguments.settings().commandTimeout());
    }
}
