package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.DirectMessage;
import dev.chat.domain.HubStats;
import dev.chat.domain.Identity;
import dev.chat.domain.Message;
import dev.chat.domain.NodeReport;
import dev.chat.domain.Nonce;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.RoomSummary;
import dev.chat.domain.SanctionChange;
import dev.chat.domain.port.needed.Cluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The cluster's rules without Redis, for the hub's tests: one shared state that numbers rooms, counts each user's
 * nodes per room, and delivers a room's message at once to the listener of every node that follows the room, and to
 * the publisher's. {@link #down} makes every call fail, as a node
 * that cannot reach Redis sees it.
 */
final class InProcessCluster {

    private final Map<String, Long> lastIds = new HashMap<>();
    /** Every nonce ever posted, as {@code room userId nonce}: the window never ends here. */
    private final Map<String, Long> nonces = new HashMap<>();
    private final Map<String, Map<String, Integer>> nodesByUser = new HashMap<>();
    private final Map<String, Identity> names = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, NodeReport> reports = new HashMap<>();
    private final int presenceLimit;
    volatile boolean down;

    InProcessCluster(int presenceLimit) {
        this.presenceLimit = presenceLimit;
    }

    synchronized Node node() {
        var node = new Node();
        nodes.add(node);
        return node;
    }

    private synchronized Cluster.Numbered publish(Node from, String room, Message message, Optional<Nonce> nonce) {
        failIfDown();
        var tagged = nonce.map(tag -> room + " " + message.userId() + " " + tag.value());
        var repeated = tagged.map(nonces::get);
        if (repeated.isPresent()) {
            return new Cluster.Numbered(repeated.get(), true);
        }
        long id = lastIds.merge(room, 1L, Long::sum);
        tagged.ifPresent(key -> nonces.put(key, id));
        var published = new RoomMessage(room, id, message);
        nodes.stream().filter(node -> node == from || node.followed.contains(room))
                .forEach(node -> node.listener.published(published, node == from,
                        node == from ? nonce : Optional.empty()));
        return new Cluster.Numbered(id, false);
    }

    private synchronized boolean hold(String scope, Identity who) {
        failIfDown();
        names.put(who.userId(), who);
        return nodesByUser.computeIfAbsent(scope, any -> new LinkedHashMap<>()).merge(who.userId(), 1, Integer::sum)
                == 1;
    }

    private synchronized boolean release(String scope, Identity who) {
        failIfDown();
        var users = nodesByUser.getOrDefault(scope, new LinkedHashMap<>());
        if (users.merge(who.userId(), -1, Integer::sum) > 0) {
            return false;
        }
        users.remove(who.userId());
        return true;
    }

    private synchronized List<Identity> usersIn(String room) {
        failIfDown();
        return nodesByUser.getOrDefault(room, Map.of()).keySet().stream().map(names::get).toList();
    }

    private void failIfDown() {
        if (down) {
            throw new IllegalStateException("the cluster is down");
        }
    }

    final class Node implements Cluster {

        private Listener listener;
        private final java.util.Set<String> followed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Run with the room's name as the node is asked to follow it, or to record an entry, before it answers. */
        volatile Consumer<String> onFollow = room -> { };
        volatile Consumer<String> onEnter = room -> { };

        boolean follows(String room) {
            return followed.contains(room);
        }

        void loseTrack() {
            listener.presenceLost();
        }

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public long lastId(String room) {
            synchronized (InProcessCluster.this) {
                failIfDown();
                return lastIds.getOrDefault(room, 0L);
            }
        }

        @Override
        public long follow(String room) {
            onFollow.accept(room);
            synchronized (InProcessCluster.this) {
                followed.add(room);
                failIfDown();
                return lastIds.getOrDefault(room, 0L);
            }
        }

        @Override
        public void unfollow(String room) {
            followed.remove(room);
        }

        @Override
        public Entered enter(String room, Identity who, Instant at) {
            onEnter.accept(room);
            var change = Change.NONE;
            if (hold(room, who)) {
                change = usersIn(room).size() <= presenceLimit ? Change.ANNOUNCED : Change.TO_SUMMARISE;
                if (change == Change.ANNOUNCED) {
                    InProcessCluster.this.publish(this, room, Message.joined(who, at), Optional.empty());
                }
            }
            var users = usersIn(room);
            return new Entered(change, users.size(), users.stream().limit(Math.max(presenceLimit, 1)).toList());
        }

        @Override
        public Change leave(String room, Identity who, Instant at) {
            if (!release(room, who)) {
                return Change.NONE;
            }
            InProcessCluster.this.publish(this, room, Message.left(who, at), Optional.empty());
            return Change.ANNOUNCED;
        }

        @Override
        public CompletionStage<Numbered> publish(String room, Message message, Optional<Nonce> nonce) {
            try {
                return CompletableFuture.completedFuture(InProcessCluster.this.publish(this, room, message, nonce));
            } catch (IllegalStateException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void typing(String room, Identity who) {
            synchronized (InProcessCluster.this) {
                if (!down) {
                    nodes.stream().filter(node -> node != this && node.follows(room))
                            .forEach(node -> node.listener.typing(room, who));
                }
            }
        }

        @Override
        public void read(String room, String userId, long id) {
            synchronized (InProcessCluster.this) {
                if (!down) {
                    nodes.stream().filter(node -> node != this).forEach(node -> node.listener.read(room, userId, id));
                }
            }
        }

        @Override
        public void disconnect(String userId, String reason) {
            synchronized (InProcessCluster.this) {
                if (!down) {
                    nodes.stream().filter(node -> node != this)
                            .forEach(node -> node.listener.disconnect(userId, reason));
                }
            }
        }

        @Override
        public void sanctioned(SanctionChange change) {
            synchronized (InProcessCluster.this) {
                if (!down) {
                    nodes.stream().filter(node -> node != this).forEach(node -> node.listener.sanctioned(change));
                }
            }
        }

        @Override
        public String node() {
            synchronized (InProcessCluster.this) {
                return "node-" + (nodes.indexOf(this) + 1);
            }
        }

        @Override
        public List<String> nodes() {
            synchronized (InProcessCluster.this) {
                return nodes.stream().map(Node::node).toList();
            }
        }

        @Override
        public void report(HubStats stats, Analytics analytics) {
            synchronized (InProcessCluster.this) {
                reports.put(node(), new NodeReport(node(), stats, analytics));
            }
        }

        @Override
        public List<NodeReport> reports() {
            synchronized (InProcessCluster.this) {
                return reports.values().stream().filter(report -> !report.node().equals(node())).toList();
            }
        }

        @Override
        public int connectedUsers() {
            synchronized (InProcessCluster.this) {
                return nodesByUser.getOrDefault("", Map.of()).size();
            }
        }

        @Override
        public CompletionStage<Boolean> send(DirectMessage message) {
            synchronized (InProcessCluster.this) {
                if (down) {
                    return CompletableFuture.failedFuture(new IllegalStateException("the cluster is down"));
                }
                if (!nodesByUser.getOrDefault("", Map.of()).containsKey(message.to())) {
                    return CompletableFuture.completedFuture(false);
                }
                nodes.forEach(node -> node.listener.direct(message, node == this));
                return CompletableFuture.completedFuture(true);
            }
        }

        @Override
        public void online(Identity who) {
            hold("", who);
        }

        @Override
        public void offline(Identity who) {
            release("", who);
        }

        final List<List<Here>> resyncs = new ArrayList<>();

        @Override
        public synchronized void resync(List<Here> here, Instant at) {
            resyncs.add(here);
        }

        @Override
        public List<RoomSummary> rooms() {
            synchronized (InProcessCluster.this) {
                return nodesByUser.entrySet().stream().filter(room -> !room.getKey().isEmpty())
                        .map(room -> new RoomSummary(room.getKey(), room.getValue().size())).toList();
            }
        }

        @Override
        public List<Identity> users(String room) {
            return usersIn(room);
        }

        @Override
        public boolean available() {
            return !down;
        }

        @Override
        public void close() {
            // Nothing to release: the shared state lives as long as the test.
        }
    }
}
