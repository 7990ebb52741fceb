package dev.chat.hub;

import static dev.chat.hub.Json.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.Identity;
import dev.chat.domain.port.offered.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Up to the limit each join and leave is announced on its own; above it they are summed up once per interval. */
class PresenceTest {

    private final TrackingThreads threads = new TrackingThreads();
    private final Hub hub = new Hub(HubSettings.defaults()
            .withPresence(new Presence(2, Duration.ofMillis(200)))
            .withRoomLimits(new RoomLimits(20, 0, 100))
            .withThreads(threads)).start();
    private final List<RecordingConnection> connections = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();

    @AfterEach
    void closeHub() throws InterruptedException {
        hub.close();
        threads.assertAllEnded();
    }

    @Test
    void within_the_limit_every_join_is_announced_to_everyone() throws InterruptedException {
        connect(2);

        assertEquals(List.of("presence", "join", "join"), types(connections.get(0).next(3)));
        assertEquals(List.of("presence", "join"), types(connections.get(1).next(2)));
    }

    @Test
    void above_the_limit_a_newcomer_is_told_who_is_there_and_everyone_gets_one_summary() throws InterruptedException {
        connect(5);

        var first = connections.get(0);
        first.next();
        assertEquals(List.of("u0", "u1"), first.next(2).stream().map(json -> field(json, "userId")).toList());
        assertEquals("3 joined", field(first.next(), "content"));
        var newcomer = connections.get(4);
        var presence = newcomer.next();
        assertEquals("presence", field(presence, "type"), "instead of its own join");
        assertTrue(presence.contains("\"count\":5,"), presence);
        assertTrue(presence.contains("\"users\":[{\"userId\":\"u0\",\"username\":\"User 0\"},"
                + "{\"userId\":\"u1\",\"username\":\"User 1\"}]"), "only as many users as the limit: " + presence);
        var summary = newcomer.next();
        assertEquals("system", field(summary, "type"));
        assertEquals("3 joined", field(summary, "content"));
    }

    @Test
    void above_the_limit_leaves_are_summed_up_and_back_within_it_they_are_announced_again()
            throws InterruptedException {
        connect(4);
        var first = connections.get(0);
        first.next(3);
        assertEquals("2 joined", field(first.next(), "content"));

        clients.get(3).disconnect();
        clients.get(2).disconnect();
        assertEquals("2 left", field(first.next(), "content"), "4 and then 3 members were above the limit of 2");

        clients.get(1).disconnect();
        var leave = first.next();
        assertEquals("leave", field(leave, "type"), "2 members are within the limit");
        assertEquals("u1", field(leave, "userId"));
    }

    @Test
    void joins_and_leaves_in_the_same_interval_share_one_summary() throws InterruptedException {
        connect(3);
        clients.get(2).disconnect();

        var first = connections.get(0);
        first.next(3);
        assertEquals("1 joined, 1 left", field(first.next(), "content"));
    }

    @Test
    void a_presence_policy_needs_a_positive_interval_and_a_limit_of_at_least_zero() {
        assertThrows(IllegalArgumentException.class, () -> new Presence(-1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Presence(10, Duration.ZERO));
    }

    private void connect(int count) {
        for (int i = 0; i < count; i++) {
            var connection = new RecordingConnection();
            connections.add(connection);
            clients.add(hub.connect(new Identity("u" + i, "User " + i), connection));
        }
    }

    private static List<String> types(List<String> messages) {
        return messages.stream().map(json -> field(json, "type")).toList();
    }
}
