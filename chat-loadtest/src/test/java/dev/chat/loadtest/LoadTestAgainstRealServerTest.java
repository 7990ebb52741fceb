package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.adapter.javalin.JavalinChatServer;
import dev.chat.adapter.javalin.ServerSettings;
import dev.chat.hub.Hub;
import dev.chat.hub.HubSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Small scenarios against the real hub and Javalin server, in this JVM, checked through their reports. */
class LoadTestAgainstRealServerTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream progress = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final Hub hub = new Hub(HubSettings.defaults()).start();
    private final JavalinChatServer server = new JavalinChatServer(hub, ServerSettings.defaults().withPort(0)).start();

    @AfterEach
    void stop() throws InterruptedException {
        server.stopAccepting();
        hub.close();
        server.stop(Duration.ofSeconds(5));
    }

    @Test
    void a_broadcast_at_a_low_rate_loses_nothing_and_times_every_delivery() throws Exception {
        var report = (Reports.Broadcast) LoadTest.run(options("broadcast", "--clients", "20", "--senders", "4",
                "--rate", "40", "--warmup", "1s", "--duration", "2s"), progress);

        assertEquals(20, report.clients());
        assertEquals(4, report.senders());
        assertTrue(report.sent() >= 60, "about 80 probes in 2 s at 40/s, not " + report.sent());
        assertEquals(report.sent() * 20, report.expected());
        assertEquals(report.expected(), report.received());
        assertEquals(0, report.lost());
        assertEquals(0, report.duplicates());
        assertEquals(0, report.outOfOrder());
        assertEquals(report.received(), report.latencyMillis().count());
        assertTrue(report.latencyMillis().p50() > 0 && report.latencyMillis().p99() < 1000, report.table());
        assertEquals(20, report.serverClients());
        assertEquals(Map.of(), report.closedByServer());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("] measuring at 40/s"), "no progress lines");
    }

    @Test
    void with_rooms_each_probe_is_expected_in_its_senders_room_only_and_arrives_there() throws Exception {
        var report = (Reports.Broadcast) LoadTest.run(options("broadcast", "--clients", "30", "--rooms", "3",
                "--senders", "6", "--rate", "30", "--warmup", "1s", "--duration", "2s"), progress);

        assertEquals(report.sent() * 10, report.expected(), "six senders, two per room of ten");
        assertEquals(report.expected(), report.received(), "had every client been in one room, each got all probes");
        assertEquals(0, report.lost());
        assertEquals(0, report.duplicates());
    }

    @Test
    void with_the_typing_mix_every_client_types_the_others_are_told_and_the_chats_lose_nothing() throws Exception {
        var report = (Reports.Broadcast) LoadTest.run(options("broadcast", "--clients", "10", "--senders", "2",
                "--rate", "10", "--warmup", "1s", "--duration", "3s", "--typing", "1s"), progress);

        long typingTold = report.otherMessages().getOrDefault("typing", 0L);
        assertTrue(typingTold >= 10 * 9 * 2, "each of 10 types about once a second, told to 9: " + typingTold);
        assertEquals(report.expected(), report.received(), report.table());
        assertEquals(Map.of(), report.closedByServer(), "typing costs no budget at this rate");
    }

    @Test
    void connect_opens_every_client_and_the_server_counts_them() throws Exception {
        var report = (Reports.Connect) LoadTest.run(options("connect", "--clients", "50", "--connect-rate", "200",
                "--hold", "0s"), progress);

        assertEquals(50, report.opened());
        assertEquals(Map.of(), report.failures());
        assertEquals(50, report.connectMillis().count());
        assertEquals(50, report.serverClients());
    }

    @Test
    void churn_opens_and_closes_every_cycle_and_leaves_the_server_empty() throws Exception {
        var report = (Reports.Churn) LoadTest.run(options("churn", "--cycles", "200", "--concurrency", "25"), progress);

        assertEquals(200, report.opened());
        assertEquals(Map.of(), report.failures());
        assertEquals(0, report.serverClientsAfter());
    }

    @Test
    void saturate_stops_at_the_first_step_that_breaks_its_limits() throws Exception {
        var report = (Reports.Saturate) LoadTest.run(options("saturate", "--clients", "10", "--senders", "2",
                "--start-rate", "20", "--step-factor", "2", "--max-steps", "2", "--warmup", "500ms",
                "--duration", "1s", "--p99-limit", "1s"), progress);

        assertEquals(2, report.steps().size(), "two steps, both within a 1 s p99");
        assertEquals(report.steps().get(1), report.highestHeld());
        assertEquals(40.0, report.highestHeld().targetRate());
        assertTrue(report.table().endsWith(System.lineSeparator()), "what is printed next starts a line of its own");
    }

    @Test
    void a_burst_reaches_every_reader_and_newcomer_without_a_gap() throws Exception {
        var options = options("burst", "--posters", "3", "--chats", "300", "--window", "64", "--readers", "2",
                "--newcomers", "1", "--duration", "10s");
        var report = (Reports.Burst) LoadTest.run(options, progress);

        assertTrue(report.postedAll(), report.table());
        assertEquals(3, report.receptions().size());
        for (var reception : report.receptions()) {
            assertTrue(reception.complete(), reception.client() + ": " + reception.summary());
        }
        assertEquals(900, report.receptions().getFirst().chats());
        assertEquals(Optional.empty(), Verdict.failure(report, options));
    }

    @Test
    void a_run_that_reached_no_server_fails_with_the_reason() throws Exception {
        var nowhere = Options.parse("broadcast", "--url", "ws://127.0.0.1:1/ws", "--clients", "3", "--warmup", "0s",
                "--duration", "500ms", "--drain", "0s", "--connect-timeout", "1s", "--source-ips", "1");
        var report = LoadTest.run(nowhere, progress);

        assertEquals(Optional.of("only 0 of 3 clients connected"), Verdict.failure(report, nowhere));
    }

    private Options options(String... args) {
        var withUrl = new String[args.length + 4];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = "ws://127.0.0.1:" + server.port() + "/ws";
        withUrl[args.length + 2] = "--source-ips";
        withUrl[args.length + 3] = "4";
        return Options.parse(withUrl);
    }
}
