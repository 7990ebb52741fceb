package dev.chat.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsTest {

    @Test
    void a_snapshot_keeps_its_own_copies_of_what_it_was_made_from() {
        var minutes = new ArrayList<>(List.of(1L, 2L));
        var users = new ArrayList<>(List.of(new Analytics.ActiveUser("alice", "Alice", Instant.EPOCH)));
        var analytics = new Analytics(3, 1, 1, 2, minutes, LatencySummary.NONE, users, Instant.EPOCH, 60);

        minutes.add(3L);
        users.clear();

        assertEquals(List.of(1L, 2L), analytics.messagesPerMinute());
        assertEquals(1, analytics.activeUserDetails().size());
        assertThrows(UnsupportedOperationException.class, () -> analytics.messagesPerMinute().add(4L));
    }

    @Test
    void stats_keep_their_own_copy_of_the_counts_by_type() {
        var byType = new EnumMap<MessageType, Long>(MessageType.class);
        byType.put(MessageType.CHAT, 5L);
        var stats = new HubStats(1, 5, 0, 0, 0, 1, 1, 5, byType, 0);

        byType.put(MessageType.CHAT, 6L);

        assertEquals(5L, stats.messagesByType().get(MessageType.CHAT));
    }
}
