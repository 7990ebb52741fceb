package dev.chat.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.domain.Analytics;
import dev.chat.domain.HubStats;
import dev.chat.domain.LatencySummary;
import dev.chat.domain.MessageType;
import dev.chat.domain.NodeReport;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;

/** A node's report as the cluster keeps it: one JSON object per node, in the {@code chat:reports} hash. */
final class ReportCodec {

    private final ObjectMapper json = new ObjectMapper();

    String encode(HubStats stats, Analytics analytics) {
        var report = json.createObjectNode();
        report.set("stats", stats(stats));
        report.set("analytics", analytics(analytics));
        return report.toString();
    }

    NodeReport decode(String node, String text) {
        try {
            var report = json.readTree(text);
            return new NodeReport(node, stats(report.get("stats")), analytics(report.get("analytics")));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("node " + node + " reported what this node cannot read", e);
        }
    }

    private ObjectNode stats(HubStats stats) {
        var byType = json.createObjectNode();
        stats.messagesByType().forEach((type, count) -> byType.put(type.name(), count));
        var node = json.createObjectNode().put("clients", stats.clients()).put("messages", stats.messages())
                .put("dropped", stats.dropped()).put("closedTooSlow", stats.closedTooSlow())
                .put("closedSendFailed", stats.closedSendFailed()).put("users", stats.users())
                .put("rooms", stats.rooms()).put("deliveries", stats.deliveries())
                .put("inboxDepth", stats.inboxDepth());
        node.set("byType", byType);
        return node;
    }

    private static HubStats stats(JsonNode node) {
        var byType = new EnumMap<MessageType, Long>(MessageType.class);
        node.get("byType").properties().forEach(entry ->
                byType.put(MessageType.valueOf(entry.getKey()), entry.getValue().asLong()));
        return new HubStats(node.get("clients").asInt(), node.get("messages").asLong(), node.get("dropped").asLong(),
                node.get("closedTooSlow").asLong(), node.get("closedSendFailed").asLong(), node.get("users").asInt(),
                node.get("rooms").asInt(), node.get("deliveries").asLong(), byType, node.get("inboxDepth").asInt());
    }

    private ObjectNode analytics(Analytics analytics) {
        var perMinute = json.createArrayNode();
        analytics.messagesPerMinute().forEach(perMinute::add);
        var users = json.createArrayNode();
        analytics.activeUserDetails().forEach(user -> users.addObject().put("userId", user.userId())
                .put("username", user.username()).put("joinedAt", user.joinedAt().toString()));
        var node = json.createObjectNode().put("totalMessages", analytics.totalMessages())
                .put("activeConnections", analytics.activeConnections()).put("activeUsers", analytics.activeUsers())
                .put("peakConnections", analytics.peakConnections()).put("p50", analytics.latency().p50Ms())
                .put("p95", analytics.latency().p95Ms()).put("p99", analytics.latency().p99Ms())
                .put("started", analytics.serverStartTime().toString()).put("uptime", analytics.uptimeSeconds());
        node.set("perMinute", perMinute);
        node.set("users", users);
        return node;
    }

    private static Analytics analytics(JsonNode node) {
        var perMinute = new ArrayList<Long>();
        node.get("perMinute").forEach(count -> perMinute.add(count.asLong()));
        var users = new ArrayList<Analytics.ActiveUser>();
        node.get("users").forEach(user -> users.add(new Analytics.ActiveUser(user.get("userId").asText(),
                user.get("username").asText(), Instant.parse(user.get("joinedAt").asText()))));
        return new Analytics(node.get("totalMessages").asLong(), node.get("activeConnections").asInt(),
                node.get("activeUsers").asInt(), node.get("peakConnections").asInt(), perMinute,
                new LatencySummary(node.get("p50").asDouble(), node.get("p95").asDouble(), node.get("p99").asDouble()),
                users, Instant.parse(node.get("started").asText()), node.get("uptime").asLong());
    }
}
