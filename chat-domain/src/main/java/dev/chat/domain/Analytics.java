package dev.chat.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a dashboard shows of the server, under the names the original server's analytics use.
 *
 * @param totalMessages     messages users have posted, to rooms and to one another, since the start
 * @param activeConnections connections open now
 * @param activeUsers       distinct users connected now
 * @param peakConnections   the most connections open at once since the start
 * @param messagesPerMinute messages users posted in each of the last 15 minutes, oldest first, this one last
 * @param latency           from the hub accepting a user's message to its being in every recipient's send queue
 * @param activeUserDetails connected users, those who came first first, at most {@link #USER_DETAILS_LIMIT}
 */
public record Analytics(long totalMessages, int activeConnections, int activeUsers, int peakConnections,
        List<Long> messagesPerMinute, LatencySummary latency, List<ActiveUser> activeUserDetails,
        Instant serverStartTime, long uptimeSeconds) {

    public static final int MINUTES = 15;
    public static final int USER_DETAILS_LIMIT = 100;

    public Analytics {
        messagesPerMinute = List.copyOf(messagesPerMinute);
        activeUserDetails = List.copyOf(activeUserDetails);
    }

    /** A connected user, and since when it has been connected without a break. */
    public record ActiveUser(String userId, String username, Instant joinedAt) {}
}
