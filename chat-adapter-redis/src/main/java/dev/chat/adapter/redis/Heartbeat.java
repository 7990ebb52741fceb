package dev.chat.adapter.redis;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's liveness on one Redis server of the cluster, on a thread of its own: it beats every third of the node
 * timeout, hands each node that stopped beating there to be reaped there, and keeps what the beats learn: whether the
 * server answers, and its clock.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final RedisSettings settings;
    private final Clock clock;
    private final ChatScript script;
    private final RedisCommands<String, String> redis;
    private final Consumer<String> reap;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("chat-redis-heartbeat").factory());
    /** Set when a change of presence may not have reached Redis: the next beat that does asks for a resync. */
    private final AtomicBoolean unsure = new AtomicBoolean();
    /** Whether the last beat was answered: a partitioned connection stays open, but its commands time out. */
    private volatile boolean answering = true;
    /** Redis's clock as the last beat read it, for the deadlines of messages. */
    private volatile RedisTime redisTime = RedisTime.UNKNOWN;

    /** @param reap takes a node that stopped beating out of presence */
    Heartbeat(RedisSettings settings, Clock clock, ChatScript script, RedisCommands<String, String> redis,
            Consumer<String> reap) {
        this.settings = settings;
        this.clock = clock;
        this.script = script;
        this.redis = redis;
        this.reap = reap;
    }

    /** Beats from now on; {@code presenceLost} when Redis forgot this node or may have missed a change. */
    void start(Runnable presenceLost) {
        long every = settings.heartbeat().toMillis();
        thread.scheduleWithFixedDelay(() -> beatAndReap(presenceLost), every, every, TimeUnit.MILLISECONDS);
    }

    /** True if Redis still had this node as alive. */
    boolean beat() {
        long sent = System.nanoTime();
        List<Long> answer = Answers.await(script.run(ScriptOutputType.MULTI, "beat", settings.node(),
                Long.toString(settings.nodeTimeout().toMillis()), Long.toString(clock.millis())),
                settings.commandTimeout());
        redisTime = RedisTime.read(answer.get(1), sent, System.nanoTime());
        answering = true;
        return answer.get(0) == 1;
    }

    /** A change of presence may not have reached Redis. */
    void mayHaveLostAChange() {
        unsure.set(true);
    }

    boolean answering() {
        return answering;
    }

    /**
     * By Redis's clock, when a message must have reached Redis to be published: half the command timeout from
     * now, so that the answer has the other half to come back before this node gives up and tells the sender the
     * message was refused.
     */
    String deadline() {
        return Long.toString(redisTime.now() + settings.commandTimeout().toMillis() / 2);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private void beatAndReap(Runnable presenceLost) {
        try {
            boolean forgotten = !beat();
            boolean changesMayBeLost = unsure.getAndSet(false);
            if (forgotten || changesMayBeLost) {
                LOG.warn("the cluster lost track of node {}; telling it again who is here", settings.node());
                presenceLost.run();
            }
            reapDead();
        } catch (RuntimeException e) {
            unsure.set(true);
            answering = false;
            LOG.warn("node {} cannot reach Redis: {}", settings.node(), e.getMessage());
        }
    }

    private void reapDead() {
        var quiet = redis.zrangebyscore(RedisCluster.NODES,
                Range.create(0, clock.millis() - settings.nodeTimeout().toMillis()));
        for (var node : quiet) {
            if (!node.equals(settings.node())) {
                reap.accept(node);
            }
        }
    }
}
