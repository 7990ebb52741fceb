package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.ChatEvent;
import dev.chat.domain.Checked;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomName;
import dev.chat.domain.Sanction;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.ServerInfo;
import dev.chat.domain.Text;
import dev.chat.domain.protocol.ClientMessage;
import dev.chat.domain.Availability;
import dev.chat.domain.HubStats;
import dev.chat.domain.MessagePosition;
import dev.chat.domain.NodeReport;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.RoomAccess;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.Unread;
import dev.chat.domain.port.needed.Cluster;
import dev.chat.domain.port.needed.Connection;
import dev.chat.domain.port.needed.MessageStore;
import dev.chat.domain.port.offered.ChatHub;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.CloseReason;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The chat hub: one event loop that owns every connected client, and one writer per client.
 *
 * <pre>{@code
 * try (var hub = new Hub(HubSettings.defaults()).start()) {
 *     Client alice = hub.connect(new Identity("alice", "Alice"), aliceConnection);
 *     alice.post(ClientMessage.chat("Hello"));
 * }
 * }</pre>
 *
 * <p>Threading: every public method is safe from any thread. {@link #start()} may be called once.
 */
public final class Hub implements ChatHub {

    private static final System.Logger LOG = System.getLogger(Hub.class.getName());

    private enum State { NEW, RUNNING, CLOSED }

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** What {@link #info()} calls a hub that is no cluster's node. */
    static final String NODE_ALONE = "local";

    private final HubSettings settings;
    private final MessageStore store;
    private final Inbox inbox;
    private final HubCounters counters;
    private final UserBudgets userBudgets;
    private final Sharing sharing;
    private final Optional<Cluster> cluster;
    private final Moderation moderation;
    private final Chat chat;
    private final Thread loopThread;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    /** How connections are closed once the hub is: set before it closes, read by whoever is turned away after. */
    private volatile CloseReason closingWith = CloseReason.GOING_AWAY;
    private final Instant started;

    /**
     * A hub that keeps each room's history in memory, numbering rooms from the clock so that ids from before a
     * restart are never reused (see {@link InMemoryMessageStore#numberedFromNow}).
     */
    public Hub(HubSettings settings) {
        this(settings, InMemoryMessageStore.numberedFromNow(settings.clock(), InMemoryMessageStore.DEFAULT_PER_ROOM,
                InMemoryMessageStore.DEFAULT_MAX_ROOMS, InMemoryMessageStore.DEFAULT_MAX_BYTES));
    }

    /** A hub that keeps each room's history in the given store. */
    public Hub(HubSettings settings, MessageStore store) {
        this(settings, store, Optional.empty());
    }

    /**
     * A hub that is one node of a cluster, which numbers, delivers and keeps the recent history of every room.
     * {@code store} serves history the cluster no longer holds, and keeps each message this node published; it is
     * typically the cluster's own history in front of a durable store that all nodes share. The caller closes the
     * cluster after the hub.
     */
    public Hub(HubSettings settings, MessageStore store, Cluster cluster) {
        this(settings, store, Optional.of(cluster));
    }

    private Hub(HubSettings settings, MessageStore store, Optional<Cluster> cluster) {
        this.settings = settings;
        this.store = store;
        this.cluster = cluster;
        this.inbox = new Inbox(settings.broadcastQueueSize());
        this.counters = new HubCounters(inbox::clientBacklog);
        this.userBudgets = new UserBudgets(settings.userThrottle());
        this.sharing = cluster.<Sharing>map(shared -> new Clustered(shared, settings.presence(), inbox, settings.threads()))
                .orElseGet(() -> new Alone(store, settings.presence()));
        this.moderation = new Moderation(settings.sanctions().all(), settings.clock());
        this.chat = new Chat(settings.clock(), settings.presence(), settings.roomLimits(), store, sharing,
                counters, userBudgets, settings, moderation);
        this.loopThread = settings.threads().newThread(new EventLoop(inbox, chat));
        this.started = settings.clock().instant();
    }

    /**
     * Starts the event loop. Connections made before this wait in the inbox until now.
     *
     * @return this hub, for {@code try (var hub = new Hub(settings).start())}
     * @throws IllegalStateException if the hub was already started or closed
     */
    public Hub start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("a hub can be started once; this one is " + state.get());
        }
        cluster.ifPresent(shared -> shared.start(new ClusterListener(inbox, settings.sanctions())));
        loopThread.start();
        return this;
    }

    @Override
    public Client connect(Identity identity, RoomAccess access, Connection connection, Request.Subscribe firstRoom) {
        var member = new Member(identity, access, readMarks(identity), whenBroken -> new Outbox(
                connection, settings.sendQueueBytes(), settings.writeInterval(), settings.threads(), whenBroken),
                broken -> inbox.offer(new Command.Broken(broken)));
        var userBudget = userBudgets.acquire(identity.userId());
        if (!inbox.offer(new Command.Connect(member, settings.approvals().approve(identity, firstRoom)))) {
            userBudgets.release(identity.userId());
            connection.close(closingWith);
        }
        return new ConnectedClient(member, inbox, settings.throttle().newBudget(), userBudget, settings.approvals());
    }

    /**
     * Read here, on the connecting thread, so that the loop never waits for a store to enter a connection in a room;
     * marks that cannot be read count as nothing read, which is safe.
     */
    private Map<String, Long> readMarks(Identity identity) {
        try {
            return settings.readMarks().byUser(identity.userId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not read " + Text.loggable(identity.userId()) + "'s read marks: "
                    + e.getMessage());
            return Map.of();
        }
    }

    @Override
    public void announce(String content) {
        inbox.offer(new Command.Announce(content));
    }

    @Override
    public CompletionStage<Checked<RoomMessage>> post(String room, Optional<Identity> author, String content,
            Optional<Nonce> nonce) {
        if (RoomName.check(room).flatMap(name -> ClientMessage.checkContent(content))
                instanceof Checked.Rejected<String>(var rejection)) {
            return CompletableFuture.completedFuture(new Checked.Rejected<>(rejection));
        }
        return operate(answer -> new Command.Publish(room, author, content, nonce, answer));
    }

    @Override
    public CompletionStage<Checked<DirectMessage>> send(String userId, Optional<Identity> from, String content) {
        if (ClientMessage.checkContent(content) instanceof Checked.Rejected<String>(var rejection)) {
            return CompletableFuture.completedFuture(new Checked.Rejected<>(rejection));
        }
        return operate(answer -> new Command.SendDirect(userId, from, content, answer));
    }

    @Override
    public CompletionStage<Checked<RoomMessage>> delete(String room, long id) {
        return operate(answer -> new Command.Remove(room, id, answer));
    }

    @Override
    public void disconnect(String userId, String reason) {
        inbox.offer(Command.SendAway.disconnect(userId, reason));
        cluster.ifPresent(shared -> shared.disconnect(userId, reason));
    }

    @Override
    public Optional<Rejection> barred(String userId) {
        return moderation.holding(userId, Sanction.Kind.BAN).map(Sanction::rejection);
    }

    /**
     * Kept first, on the caller's thread, so that the loop never waits for the store; then applied everywhere, and
     * answered once it is in force on this node.
     */
    @Override
    public CompletionStage<Checked<Sanction>> sanction(String userId, Sanction.Kind kind, Optional<Instant> until,
            String reason) {
        var now = settings.clock().instant();
        var checked = Sanction.checkReason(reason).flatMap(why -> until.filter(end -> !end.isAfter(now)).isPresent()
                ? Checked.<Sanction>rejected(ErrorCode.INVALID_PARAMETER, "until must be in the future")
                : Checked.accepted(new Sanction(userId, kind, until, why, now)));
        if (checked instanceof Checked.Accepted<Sanction>(var sanction)) {
            return changeSanctions(new SanctionChange.Imposed(sanction),
                    () -> settings.sanctions().impose(sanction)).thenApply(done -> done.map(kept -> sanction));
        }
        return CompletableFuture.completedFuture(checked);
    }

    @Override
    public CompletionStage<Checked<Sanction.Kind>> lift(String userId, Sanction.Kind kind) {
        return changeSanctions(new SanctionChange.Lifted(userId, kind), () -> settings.sanctions().lift(userId, kind))
                .thenApply(done -> done.map(lifted -> kind));
    }

    private CompletionStage<Checked<SanctionChange>> changeSanctions(SanctionChange change, Runnable keep) {
        try {
            keep.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep a " + change.kind().wireName() + " of " + change.userId(), e);
            return CompletableFuture.completedFuture(Checked.rejected(ErrorCode.SERVER_BUSY,
                    "the " + change.kind().wireName() + " could not be kept; nothing changed, try again"));
        }
        cluster.ifPresent(shared -> shared.sanctioned(change));
        settings.events().happened(new ChatEvent.Sanctioned(change, settings.clock().instant()));
        var applied = new CompletableFuture<Checked<SanctionChange>>();
        if (!inbox.offer(new Command.Sanctioned(change, applied))) {
            applied.complete(shuttingDown());
        }
        return applied;
    }

    @Override
    public ServerInfo info() {
        var here = counters.snapshot();
        return cluster.map(shared -> new ServerInfo(shared.node(), shared.nodes(), started, here.clients(),
                        connectionsByNode(shared, here.clients()), shared.connectedUsers(), rooms().size()))
                .orElseGet(() -> new ServerInfo(NODE_ALONE, List.of(NODE_ALONE), started, here.clients(),
                        Map.of(NODE_ALONE, here.clients()), here.users(), here.rooms()));
    }

    /** Each node alive with its connections: this one's now, the others' from their reports, if they have one yet. */
    private static Map<String, Integer> connectionsByNode(Cluster cluster, int here) {
        var byNode = new HashMap<String, Integer>(Map.of(cluster.node(), here));
        othersAlive(cluster).forEach(report -> byNode.put(report.node(), report.stats().clients()));
        return byNode;
    }

    /** The last report of each other node alive; none while the cluster cannot say. */
    private static List<NodeReport> othersAlive(Cluster cluster) {
        return wholeCluster(() -> {
            var alive = cluster.nodes();
            return cluster.reports().stream().filter(report -> alive.contains(report.node())).toList();
        }).orElse(List.of());
    }

    @Override
    public int clientCount() {
        return counters.clients();
    }

    @Override
    public Availability storage() {
        return store.state();
    }

    @Override
    public Availability cluster() {
        return cluster.map(shared -> shared.available() ? Availability.OK : Availability.UNAVAILABLE)
                .orElse(Availability.DISABLED);
    }

    @Override
    public HubStats stats() {
        var here = counters.snapshot();
        return cluster.flatMap(shared -> wholeCluster(() -> ClusterFigures.stats(here, shared.reports(),
                shared.connectedUsers(), shared.rooms().size()))).orElse(here);
    }

    /** The whole cluster's figures, or this node's alone while the cluster cannot say. */
    private static <T> Optional<T> wholeCluster(Supplier<T> figures) {
        try {
            return Optional.of(figures.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cluster could not give the other nodes' figures: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<RoomSummary> rooms() {
        var everywhere = sharing.rooms();
        if (everywhere.isPresent()) {
            return everywhere.get();
        }
        var answer = new CompletableFuture<List<RoomSummary>>();
        return ask(new Command.ListRooms(answer), answer, List.of());
    }

    @Override
    public List<Identity> users(String room) {
        var everywhere = sharing.users(room);
        if (everywhere.isPresent()) {
            return everywhere.get();
        }
        var answer = new CompletableFuture<List<Identity>>();
        return ask(new Command.ListUsers(room, answer), answer, List.of());
    }

    @Override
    public List<RoomMessage> messagesBy(String userId, MessagePosition before, int limit) {
        return store.byUser(userId, before, limit);
    }

    /** From the marks and the store, which serve any thread; a room's last id from whoever numbers it. */
    @Override
    public List<Unread> unread(String userId) {
        return settings.readMarks().byUser(userId).entrySet().stream()
                .map(mark -> new Unread(mark.getKey(), mark.getValue(),
                        store.unread(mark.getKey(), userId, mark.getValue(), MessageStore.UNREAD_CAP),
                        sharing.lastId(mark.getKey())))
                .toList();
    }

    @Override
    public Optional<Analytics> analytics() {
        var answer = new CompletableFuture<Analytics>();
        return Optional.ofNullable(ask(new Command.Analyze(answer), answer, null)).map(here -> cluster
                .flatMap(shared -> wholeCluster(() -> ClusterFigures.analytics(here, shared.reports(),
                        shared.connectedUsers())))
                .orElse(here));
    }

    @Override
    public Optional<List<NodeReport>> nodes() {
        var answer = new CompletableFuture<Analytics>();
        return Optional.ofNullable(ask(new Command.Analyze(answer), answer, null)).map(analytics -> {
            var here = new NodeReport(cluster.map(Cluster::node).orElse(NODE_ALONE), counters.snapshot(), analytics);
            var nodes = new TreeMap<String, NodeReport>(Map.of(here.node(), here));
            cluster.ifPresent(shared -> othersAlive(shared).forEach(report -> nodes.put(report.node(), report)));
            return List.copyOf(nodes.values());
        });
    }

    /** Read straight from the store, which serves any thread: history needs nothing only the loop knows. */
    @Override
    public List<EncodedMessage> history(String room, Long before, int limit) {
        var page = before == null ? store.latest(room, limit) : store.before(room, before, limit);
        return page.stream().map(WireFormat::encode).toList();
    }

    @Override
    public void close(CloseReason reason) {
        closingWith = reason;
        var previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        inbox.closeWith(new Command.Shutdown(reason));
        if (previous == State.NEW) {
            // Connections may be waiting in the inbox; the loop closes them on its way out.
            loopThread.start();
        }
        awaitShutdown(System.nanoTime() + settings.shutdownTimeout().toNanos());
    }

    private void awaitShutdown(long deadline) {
        try {
            if (!loopThread.join(remaining(deadline))) {
                LOG.log(Level.ERROR, "hub loop did not stop within " + settings.shutdownTimeout());
                return;
            }
            for (var member : chat.remaining()) {
                if (!member.outbox.awaitWriter(remaining(deadline))) {
                    member.outbox.abort(closingWith);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queued as a client's post is, waiting while the inbox is full; refused at once if the hub is closed. */
    private <T> CompletionStage<Checked<T>> operate(Function<CompletableFuture<Checked<T>>, Command> command) {
        var answer = new CompletableFuture<Checked<T>>();
        if (!inbox.put(command.apply(answer))) {
            answer.complete(shuttingDown());
        }
        return answer;
    }

    private static <T> Checked<T> shuttingDown() {
        return Checked.rejected(ErrorCode.SERVER_BUSY, "the server is shutting down");
    }

    /** The loop's answer, or {@code otherwise} if it gave none in time. */
    private <T> T ask(Command question, CompletableFuture<T> answer, T otherwise) {
        if (!inbox.offer(question)) {
            return otherwise;
        }
        try {
            return answer.get(QUERY_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "hub did not answer a query", e);
            return otherwise;
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
