package dev.chat.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void the_defaults_are_the_issue_scenario_one() {
        var options = Options.parse("broadcast");

        assertEquals(Options.Scenario.BROADCAST, options.scenario());
        assertEquals(List.of(URI.create("ws://127.0.0.1:8080/ws")), options.urls());
        assertEquals(List.of(URI.create("http://127.0.0.1:8080/health")), options.health());
        assertEquals(1000, options.clients());
        assertEquals(10, options.senders());
        assertEquals(50.0, options.rate());
        assertEquals(Duration.ofSeconds(20), options.duration());
        assertEquals(Duration.ofSeconds(5), options.warmup());
    }

    @Test
    void saturate_measures_shorter_steps_and_the_health_url_follows_the_server() {
        var options = Options.parse("saturate", "--url", "ws://10.0.0.5:9000/chat", "--p99-limit", "50ms", "--json");

        assertEquals(Duration.ofSeconds(10), options.duration());
        assertEquals(Duration.ofSeconds(3), options.warmup());
        assertEquals(Duration.ofMillis(50), options.p99Limit());
        assertEquals(List.of(URI.create("http://10.0.0.5:9000/health")), options.health());
        assertTrue(options.json());
    }

    @Test
    void every_option_is_read() {
        var options = Options.parse("churn", "--clients", "7", "--connect-rate", "20", "--connect-timeout", "2s",
                "--hold", "1m", "--senders", "3", "--rate", "12.5", "--warmup", "0s", "--duration", "500ms",
                "--drain", "1s", "--loss-limit", "0.5", "--start-rate", "10", "--step-factor", "2", "--max-steps", "4",
                "--cycles", "300", "--concurrency", "30", "--rooms", "4", "--threads", "1", "--poll", "2ms",
                "--source-ips", "1", "--posters", "2", "--chats", "50", "--window", "8", "--readers", "3",
                "--newcomers", "0", "--typing", "3s", "--reading", "2s", "--room-affinity",
                "--health", "http://elsewhere:1/h");

        assertEquals(new Options(Options.Scenario.CHURN, List.of(URI.create("ws://127.0.0.1:8080/ws")),
                List.of(URI.create("http://elsewhere:1/h")), 7, 20, Duration.ofSeconds(2), Duration.ofMinutes(1), 3, 12.5,
                Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(100), 0.5, 10, 2, 4,
                300, 30, 4, 1, Duration.ofMillis(2), 1, new Options.BurstShape(2, 50, 8, 3, 0), Duration.ofSeconds(3), Duration.ofSeconds(2), false, true, false),
                options);
    }

    @Test
    void several_urls_are_the_nodes_of_one_cluster_each_with_its_health_endpoint() {
        var options = Options.parse("broadcast", "--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws");

        assertEquals(List.of(URI.create("ws://127.0.0.1:8081/ws"), URI.create("ws://127.0.0.1:8082/ws")),
                options.urls());
        assertEquals(List.of(URI.create("http://127.0.0.1:8081/health"), URI.create("http://127.0.0.1:8082/health")),
                options.health());
        assertEquals("ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws", options.target());
    }

    @ParameterizedTest
    @CsvSource({"--help", "-h", "broadcast --help", "saturate --clients 10 -h"})
    void help_is_asked_for_anywhere_on_the_line(String arguments) {
        assertTrue(Options.asksForHelp(arguments.split(" ")));
        assertTrue(Options.USAGE.startsWith("usage: java -jar chat-loadtest.jar"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "(none)                      | name a scenario: connect, broadcast, saturate, churn or burst",
        "flood                       | unknown scenario 'flood': connect, broadcast, saturate, churn or burst",
        "broadcast --clients many    | --clients must be a whole number, not 'many'",
        "broadcast --rate 0          | --rate must be a positive number, not '0'",
        "broadcast --duration 20     | '20' is not a duration such as 500ms, 20s or 2m",
        "broadcast --colour red      | unknown option --colour",
        "broadcast --clients         | --clients needs a value",
        "broadcast --clients 0       | --clients must be at least 1",
        "burst --posters 0           | --posters must be at least 1",
        "broadcast 1000              | unexpected argument '1000'",
        "broadcast --url http://x:1/ | --url must be ws://host:port/path, not 'http://x:1/'",
        "broadcast --url ws://x:1/ws,ws://y/ws | --url must be ws://host:port/path, not 'ws://y/ws'",
    })
    void a_bad_command_line_says_what_is_wrong(String arguments, String message) {
        var args = arguments.equals("(none)") ? new String[0] : arguments.split(" ");

        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Options.parse(args)).getMessage());
    }
}
