package dev.chat.app;

import dev.chat.adapter.javalin.TestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers and clients one test opens, with the defaults every end-to-end test wants (a free port, history in
 * memory under the test's folder, no warm-up, no rate limits), closed after the test, the last opened first.
 */
final class TestApps implements AutoCloseable {

    private final Path data;
    private final List<AutoCloseable> opened = new ArrayList<>();

    TestApps(Path data) {
        this.data = data;
    }

    /** A server with the defaults and these variables on top, stopped after the test. */
    ChatApplication start(Map<String, String> variables) throws ConfigException {
        var app = ChatApplication.start(config(variables));
        opened.add(app::stop);
        return app;
    }

    ChatConfig config(Map<String, String> variables) throws ConfigException {
        var environment = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data.toString(), "STORE", "memory",
                "WARMUP_SESSIONS", "0", "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0"));
        environment.putAll(variables);
        return ChatConfig.load(environment).config();
    }

    /** A client in room {@code dev}, named {@code user} (its userId and username), once it is in. */
    TestClient userInDev(int port, String user) throws InterruptedException {
        return client(port, "userId=" + user + "&username=" + user + "&room=dev");
    }

    TestClient client(int port, String query) throws InterruptedException {
        return closedAfter(TestClient.entered(port, query));
    }

    /** Closed after the test, before whatever was opened earlier. */
    <T extends AutoCloseable> T closedAfter(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (var resource : opened.reversed()) {
            resource.close();
        }
    }
}
