package dev.chat.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Analytics;
import dev.chat.domain.Identity;
import dev.chat.domain.LatencySummary;
import dev.chat.domain.port.needed.Telemetry;
import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.ClientMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the dashboard is told: messages minute by minute, connections at their peak, users, and latency. */
class AnalyticsTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:30Z");

    private final SteppingClock clock = new SteppingClock(START);
    private final List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
    private final Telemetry telemetry = new Telemetry() {
        @Override
        public void delivered(long nanos) {
            delivered.add(nanos);
        }

        @Override
        public LatencySummary deliveryLatency() {
            return new LatencySummary(1.5, 2.5, 3.5);
        }
    };
    private final Hub hub = new Hub(HubSettings.defaults().withClock(clock).withTelemetry(telemetry)
            .withRoomLimits(new RoomLimits(20, 0, 100)), new InMemoryMessageStore()).start();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void messages_are_counted_in_the_minute_they_were_posted_and_older_minutes_fall_off_the_end() throws Exception {
        var alice = new RecordingConnection();
        var client = hub.connect(new Identity("alice", "Alice"), alice);
        alice.next(2);

        post(client, alice, 3);
        clock.advance(Duration.ofMinutes(1));
        post(client, alice, 1);
        clock.advance(Duration.ofMinutes(2));
        post(client, alice, 2);

        var analytics = hub.analytics().orElseThrow();
        var expected = IntStream.range(0, Analytics.MINUTES).mapToObj(minute -> 0L).collect(Collectors.toList());
        expected.set(Analytics.MINUTES - 4, 3L);
        expected.set(Analytics.MINUTES - 3, 1L);
        expected.set(Analytics.MINUTES - 1, 2L);
        assertEquals(expected, analytics.messagesPerMinute());
        assertEquals(6, analytics.totalMessages(), "chats only: joins are not what users posted");
        assertEquals(6, delivered.size(), "one latency for each message posted");
        assertEquals(180, analytics.uptimeSeconds());
        assertEquals(START, analytics.serverStartTime());
        assertEquals(new LatencySummary(1.5, 2.5, 3.5), analytics.latency());

        clock.advance(Duration.ofMinutes(Analytics.MINUTES));
        assertEquals(Collections.nCopies(Analytics.MINUTES, 0L), hub.analytics().orElseThrow().messagesPerMinute());
    }

    @Test
    void connections_users_and_the_peak_count_a_second_tab_once_as_a_user_and_the_peak_stays() throws Exception {
        var aliceTab = new RecordingConnection();
        var aliceOtherTab = new RecordingConnection();
        var bob = new RecordingConnection();
        hub.connect(new Identity("alice", "Alice"), aliceTab);
        assertEquals(1, hub.analytics().orElseThrow().activeUsers(), "the loop answers once Alice is in");
        clock.advance(Duration.ofSeconds(5));
        var bobClient = hub.connect(new Identity("bob", "Bob"), bob);
        hub.connect(new Identity("alice", "Alice"), aliceOtherTab);
        aliceOtherTab.next();

        var busiest = hub.analytics().orElseThrow();
        bobClient.disconnect();
        var after = awaitConnections(2);

        assertEquals(3, busiest.activeConnections());
        assertEquals(2, busiest.activeUsers());
        assertEquals(List.of(new Analytics.ActiveUser("alice", "Alice", START),
                new Analytics.ActiveUser("bob", "Bob", START.plusSeconds(5))), busiest.activeUserDetails());
        assertEquals(3, after.peakConnections());
        assertEquals(1, after.activeUsers());
        assertEquals(List.of("alice"), after.activeUserDetails().stream().map(Analytics.ActiveUser::userId).toList());
    }

    private void post(Client client, RecordingConnection echo, int count)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            client.post(ClientMessage.chat("m" + i));
            assertTrue(echo.next().contains("\"type\":\"chat\""));
        }
    }

    private Analytics awaitConnections(int connections) {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var analytics = hub.analytics().orElseThrow();
        while (analytics.activeConnections() != connections) {
            assertTrue(System.nanoTime() < deadline, "still " + analytics.activeConnections() + " connections");
            Thread.onSpinWait();
            analytics = hub.analytics().orElseThrow();
        }
        return analytics;
    }
}
