package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One address cannot take every connection, and the server holds no more than it may. */
class ConnectionCapsTest {

    private final RunningServer running = RunningServer.start(
            ServerSettings.defaults().withConnectionCaps(3, 2), HubSettings.defaults());
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (var socket : held) {
            socket.close();
        }
        running.close();
    }

    @Test
    void past_the_cap_per_address_429_past_the_total_503_and_a_freed_seat_is_taken_again() throws Exception {
        var alice = TestClient.joined(running.port(), "alice", "Alice");
        TestClient.joined(running.port(), "bob", "Bob");

        var third = RawSocket.refusedUpgrade(running.port(), "userId=eve&username=Eve", Map.of());
        assertEquals(429, third.status());
        assertTrue(third.body().contains("\"code\":\"too_many_connections\""), third.body());

        assertEquals(101, upgradeFrom("127.0.0.2", "carol"));
        assertEquals(503, upgradeFrom("127.0.0.3", "dave"));

        alice.close();
        var deadline = System.nanoTime() + TestClient.WAIT_SECONDS * 1_000_000_000L;
        int status;
        do {
            assertTrue(System.nanoTime() < deadline, "alice's seat was never given back");
            status = upgradeFrom("127.0.0.3", "dave");
        } while (status != 101);
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_forwarded_address_and_from_anyone_else_the_peer() throws Exception {
        var proxy = InetAddress.getByName("127.0.0.1");
        try (var behindProxy = RunningServer.start(ServerSettings.defaults().withConnectionCaps(0, 1)
                .withTrustedProxies(Set.of(AddressRange.of(proxy))), HubSettings.defaults())) {
            int port = behindProxy.port();

            assertEquals(101, upgradeFrom(port, "127.0.0.1", "a", "203.0.113.5"));
            assertEquals(101, upgradeFrom(port, "127.0.0.1", "b", "203.0.113.6"));
            assertEquals(429, upgradeFrom(port, "127.0.0.1", "c", "203.0.113.5"), "the same client again");
            assertEquals(101, upgradeFrom(port, "127.0.0.2", "d", "203.0.113.7"));
            assertEquals(429, upgradeFrom(port, "127.0.0.2", "e", "203.0.113.8"), "a header anyone could write");
        }
    }

    @Test
    void a_trusted_block_trusts_every_proxy_in_it_and_no_peer_outside_it() throws Exception {
        try (var behindProxies = RunningServer.start(ServerSettings.defaults().withConnectionCaps(0, 1)
                .withTrustedProxies(Set.of(AddressRange.parse("127.0.0.0/30").orElseThrow())),
                HubSettings.defaults())) {
            int port = behindProxies.port();

            assertEquals(101, upgradeFrom(port, "127.0.0.1", "a", "203.0.113.5"));
            assertEquals(101, upgradeFrom(port, "127.0.0.2", "b", "203.0.113.6"), "another proxy of the block");
            assertEquals(429, upgradeFrom(port, "127.0.0.3", "c", "203.0.113.5"), "the same client, by a third");
            assertEquals(101, upgradeFrom(port, "127.0.0.4", "d", "203.0.113.7"));
            assertEquals(429, upgradeFrom(port, "127.0.0.4", "e", "203.0.113.8"), "outside the block: its own peer");
        }
    }

    @Test
    void past_the_cap_per_user_429_whatever_the_address_and_a_closed_connection_gives_its_seat_back()
            throws Exception {
        try (var perUser = RunningServer.start(ServerSettings.defaults().withMaxConnectionsPerUser(2),
                HubSettings.defaults())) {
            int port = perUser.port();
            var first = TestClient.entered(port, "userId=alice&username=Alice");
            assertEquals(101, upgradeFrom(port, "127.0.0.2", "alice", null));

            var third = RawSocket.refusedUpgrade(port, "userId=alice&username=Alice", Map.of());

            assertEquals(429, third.status());
            assertTrue(third.body().contains("\"code\":\"too_many_user_connections\""), third.body());
            assertEquals(101, upgradeFrom(port, "127.0.0.3", "bob", null), "another user is let in");
            first.close();
            var deadline = System.nanoTime() + TestClient.WAIT_SECONDS * 1_000_000_000L;
            while (upgradeFrom(port, "127.0.0.4", "alice", null) != 101) {
                assertTrue(System.nanoTime() < deadline, "alice's seat was never given back");
            }
        }
    }

    @Test
    void past_the_handshakes_a_second_from_one_address_429_and_other_addresses_go_on() throws Exception {
        try (var limited = RunningServer.start(ServerSettings.defaults().withMaxHandshakesPerAddressPerSecond(3),
                HubSettings.defaults())) {
            int port = limited.port();
            List<Integer> statuses;
            int attempt = 0;
            long second;
            do {
                var source = "127.0.1." + ++attempt;
                second = System.nanoTime() / 1_000_000_000L;
                statuses = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    statuses.add(upgradeFrom(port, source, "u" + attempt + "-" + i, null));
                }
            } while (System.nanoTime() / 1_000_000_000L != second && attempt < 20);
            var other = upgradeFrom(port, "127.0.0.6", "w", null);

            assertEquals(List.of(101, 101, 101, 429), statuses, "four upgrades within one second");
            assertEquals(101, other);
        }
    }

    private int upgradeFrom(String source, String user) throws IOException {
        return upgradeFrom(running.port(), source, user, null);
    }

    /** Upgrades from this source address; a socket that got in is held open, so that it keeps its seat. */
    private int upgradeFrom(int port, String source, String user, String forwardedFor) throws IOException {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) (TestClient.WAIT_SECONDS * 1000));
        var forwarded = forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n";
        socket.getOutputStream().write(("GET /ws?userId=" + user + "&username=" + user + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + forwarded + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        var statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        if (status == 101) {
            held.add(socket);
        } else {
            socket.close();
        }
        return status;
    }
}
