package dev.chat.adapter.javalin;

import dev.chat.domain.HubStats;
import dev.chat.domain.NodeReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shapes of the JSON only this adapter writes; everything else is the protocol's {@code WireFormat}. */
final class JsonBodies {

    private JsonBodies() {}

    record Health(String status, int clients, String storage, String cluster) {}

    /** {@code /health/live} and {@code /health/ready}: {@code ok}, {@code ready} or {@code draining}. */
    record Probe(String status) {}

    /** The hub's counters, with each message type named as the wire names it. */
    record Stats(int clients, long messages, long dropped, long closedTooSlow, long closedSendFailed, int users,
            int rooms, long deliveries, Map<String, Long> messagesByType, int inboxDepth) {

        static Stats of(HubStats stats) {
            var byType = new LinkedHashMap<String, Long>();
            stats.messagesByType().forEach((type, count) -> byType.put(type.name().toLowerCase(Locale.ROOT), count));
            return new Stats(stats.clients(), stats.messages(), stats.dropped(), stats.closedTooSlow(),
                    stats.closedSendFailed(), stats.users(), stats.rooms(), stats.deliveries(), byType,
                    stats.inboxDepth());
        }
    }

    /** The original server's analytics, field for field, so that its dashboard reads ours unchanged. */
    record Analytics(long totalMessages, int activeConnections, int activeUsers, int peakConnections,
            List<Long> messagesPerMinute, double latencyP50Ms, double latencyP95Ms, double latencyP99Ms,
            List<ActiveUser> activeUserDetails, long uptimeSeconds, String serverStartTime) {

        static Analytics of(dev.chat.domain.Analytics analytics) {
            var latency = analytics.latency();
            return new Analytics(analytics.totalMessages(), analytics.activeConnections(), analytics.activeUsers(),
                    analytics.peakConnections(), analytics.messagesPerMinute(), latency.p50Ms(), latency.p95Ms(),
                    latency.p99Ms(), analytics.activeUserDetails().stream().map(ActiveUser::of).toList(),
                    analytics.uptimeSeconds(), analytics.serverStartTime().toString());
        }
    }

    /** Each node alive, under the analytics' names, for a dashboard's view of the cluster node by node. */
    record Nodes(List<Node> nodes) {

        static Nodes of(List<NodeReport> reports) {
            return new Nodes(reports.stream().map(Node::of).toList());
        }
    }

    record Node(String node, int activeConnections, int activeUsers, long totalMessages, long deliveries,
            double latencyP99Ms, long uptimeSeconds) {

        static Node of(NodeReport report) {
            var analytics = report.analytics();
            return new Node(report.node(), report.stats().clients(), report.stats().users(),
                    analytics.totalMessages(), report.stats().deliveries(), analytics.latency().p99Ms(),
                    analytics.uptimeSeconds());
        }
    }

    record ActiveUser(String userId, String username, String joinedAt) {

        static ActiveUser of(dev.chat.domain.Analytics.ActiveUser user) {
            return new ActiveUser(user.userId(), user.username(), user.joinedAt().toString());
        }
    }
}
