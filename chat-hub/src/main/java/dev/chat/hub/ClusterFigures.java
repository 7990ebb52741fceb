package dev.chat.hub;

import dev.chat.domain.Analytics;
import dev.chat.domain.HubStats;
import dev.chat.domain.LatencySummary;
import dev.chat.domain.MessageType;
import dev.chat.domain.NodeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The whole cluster's figures, from this node's own and what every other node last reported. Counts add up: each
 * message is counted by the node that published it, each delivery by the node that made it. Distinct users and
 * rooms are the cluster's own counts, since a user on two nodes is one user. Latency percentiles cannot be added:
 * each is the highest any node reports. The peak of connections is the sum of each node's peak, which the cluster's
 * own peak may not have reached.
 */
final class ClusterFigures {

    private ClusterFigures() {
    }

    static HubStats stats(HubStats here, List<NodeReport> elsewhere, int users, int rooms) {
        var all = new ArrayList<HubStats>(List.of(here));
        elsewhere.forEach(report -> all.add(report.stats()));
        var byType = new EnumMap<MessageType, Long>(MessageType.class);
        all.forEach(stats -> stats.messagesByType().forEach((type, count) -> byType.merge(type, count, Long::sum)));
        return new HubStats(all.stream().mapToInt(HubStats::clients).sum(),
                all.stream().mapToLong(HubStats::messages).sum(), all.stream().mapToLong(HubStats::dropped).sum(),
                all.stream().mapToLong(HubStats::closedTooSlow).sum(),
                all.stream().mapToLong(HubStats::closedSendFailed).sum(), users, rooms,
                all.stream().mapToLong(HubStats::deliveries).sum(), byType,
                all.stream().mapToInt(HubStats::inboxDepth).sum());
    }

    static Analytics analytics(Analytics here, List<NodeReport> elsewhere, int users) {
        var all = new ArrayList<Analytics>(List.of(here));
        elsewhere.forEach(report -> all.add(report.analytics()));
        var started = all.stream().map(Analytics::serverStartTime).min(Comparator.naturalOrder()).orElseThrow();
        return new Analytics(all.stream().mapToLong(Analytics::totalMessages).sum(),
                all.stream().mapToInt(Analytics::activeConnections).sum(), users,
                all.stream().mapToInt(Analytics::peakConnections).sum(), perMinute(all), highest(all),
                firstUsers(all), started,
                here.uptimeSeconds() + Duration.between(started, here.serverStartTime()).toSeconds());
    }

    /** Minute by minute; a report is at most a few seconds old, so its minutes are this node's. */
    private static List<Long> perMinute(List<Analytics> all) {
        var sums = new long[Analytics.MINUTES];
        for (var analytics : all) {
            var minutes = analytics.messagesPerMinute();
            for (int i = 0; i < Math.min(minutes.size(), sums.length); i++) {
                sums[i] += minutes.get(i);
            }
        }
        return Arrays.stream(sums).boxed().toList();
    }

    private static LatencySummary highest(List<Analytics> all) {
        return new LatencySummary(all.stream().mapToDouble(a -> a.latency().p50Ms()).max().orElse(0),
                all.stream().mapToDouble(a -> a.latency().p95Ms()).max().orElse(0),
                all.stream().mapToDouble(a -> a.latency().p99Ms()).max().orElse(0));
    }

    /** Each user once, since its earliest connection on any node; those who came first first. */
    private static List<Analytics.ActiveUser> firstUsers(List<Analytics> all) {
        var earliest = new LinkedHashMap<String, Analytics.ActiveUser>();
        all.forEach(analytics -> analytics.activeUserDetails().forEach(user -> earliest.merge(user.userId(), user,
                (kept, other) -> other.joinedAt().isBefore(kept.joinedAt()) ? other : kept)));
        return earliest.values().stream()
                .sorted(Comparator.comparing(Analytics.ActiveUser::joinedAt).thenComparing(Analytics.ActiveUser::userId))
                .limit(Analytics.USER_DETAILS_LIMIT)
                .toList();
    }
}
