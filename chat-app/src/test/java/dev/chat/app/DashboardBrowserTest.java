package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.adapter.javalin.TestClient;
import dev.chat.adapter.redis.LocalRedis;
import dev.chat.app.example.MintToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's dashboard in a real browser against the real server. */
class DashboardBrowserTest {

    private static final String SECRET = ServedPages.SECRET;

    @TempDir
    Path data;
    private ServedPages pages;

    @BeforeEach
    void pages() {
        pages = new ServedPages(data);
    }

    @AfterEach
    void closeEverything() throws Exception {
        pages.close();
    }

    @Test
    void the_dashboards_plots_gain_points_while_messages_flow() throws Exception {
        pages.start(Map.of());
        var dashboard = pages.browser();
        dashboard.get(pages.base() + "/admin");
        try (var alice = TestClient.joined(pages.app().port(), "alice", "Alice");
             var bob = TestClient.joined(pages.app().port(), "bob", "Bob")) {
            var flowing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    alice.send("{\"type\":\"chat\",\"content\":\"load " + i + "\"}");
                    bob.send("{\"type\":\"chat\",\"content\":\"load " + i + "\"}");
                    LockSupport.parkNanos(50_000_000);
                }
            });

            dashboard.await(page -> deliveriesPerSecond(page) > 0, "deliveries per second above 0");
            int points = points(dashboard);
            dashboard.await(page -> points(page) > points, "more points");
            flowing.join();
            dashboard.screenshot("dashboard");
        }
    }

    @Test
    void where_identities_are_verified_the_dashboard_needs_an_operators_token() throws Exception {
        pages.start(Map.of("AUTH_SECRET", SECRET));
        var dashboard = pages.browser();
        dashboard.get(pages.base() + "/admin");
        dashboard.await(page -> page.element("operator").isDisplayed(), "the operator's token asked for");

        dashboard.type("token", MintToken.mint(SECRET, "bob", "Bob", List.of(), Duration.ofHours(1)));
        dashboard.await(page -> page.element("notice").getText().contains("403"), "a user's token refused");
        assertEquals(0, points(dashboard));

        dashboard.script("document.getElementById('token').value = ''");
        dashboard.type("token", OperatorToken.mint(SECRET, "root", "Root"));
        dashboard.await(page -> points(page) > 0, "an operator's token shows the plots");
    }

    @Test
    void a_clusters_dashboard_lists_every_node_with_its_own_connections() throws Exception {
        try (var redis = LocalRedis.start()) {
            var cluster = Map.of("REDIS_URL", redis.url(), "STORE", "memory", "NODE_TIMEOUT", "900ms",
                    "DRAIN_TIMEOUT", "0s", "WARMUP_SESSIONS", "0");
            var withNodeId = new HashMap<>(cluster);
            withNodeId.put("NODE_ID", "first");
            pages.start(withNodeId);
            withNodeId.put("NODE_ID", "second");
            withNodeId.put("PORT", "0");
            var second = ChatApplication.start(ChatConfig.load(withNodeId).config());
            try (var alice = TestClient.joined(pages.app().port(), "alice", "Alice");
                 var bob = TestClient.joined(second.port(), "bob", "Bob");
                 var bobsOtherTab = TestClient.joined(second.port(), "bob", "Bob")) {
                var dashboard = pages.browser();
                dashboard.get(pages.base() + "/admin");

                dashboard.await(page -> rows(page, "nodes").stream().map(row -> row.split(" ", 4))
                        .map(cells -> String.join(" ", cells[0], cells[1], cells[2])).toList()
                        .equals(List.of("first 1 1", "second 2 1")), "each node with its connections and users");
            } finally {
                second.stop();
            }
        }
    }

    private static List<String> rows(Browser page, String table) {
        var rows = page.script("return [...document.querySelectorAll('#" + table + " tr')]"
                + ".map((row) => [...row.cells].map((cell) => cell.textContent).join(' '))");
        return ((List<?>) rows).stream().map(String::valueOf).toList();
    }

    private static double deliveriesPerSecond(Browser page) {
        var last = (String) page.script("return document.querySelectorAll('.chart')[2].dataset.last ?? '[0]'");
        var value = last.replaceAll("[\\[\\]]", "");
        return value.equals("null") ? 0 : Double.parseDouble(value);
    }

    private static int points(Browser page) {
        var points = page.script("return document.querySelector('.chart').dataset.points ?? '0'");
        return Integer.parseInt(points.toString());
    }
}
