package dev.chat.app;

import dev.chat.adapter.javalin.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers and clients one test opens, with the defaults every end-to-end test wants (a free port, history in
 * memory, files in a folder of the test's own, no warm-up, no rate limits), closed after each test, the last opened
 * first. A test class holds one: {@code @RegisterExtension final TestApps apps = new TestApps();}.
 */
final class TestApps implements AfterEachCallback {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Path data;

    /** A server with the defaults and these variables on top, stopped after the test. */
    ChatApplication start(Map<String, String> variables) throws ConfigException {
        var app = ChatApplication.start(config(variables));
        opened.add(app::stop);
        return app;
    }

    ChatConfig config(Map<String, String> variables) throws ConfigException {
        var environment = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data().toString(), "STORE", "memory",
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

    /** The test's own folder, the same for every server it starts, so that one finds what another kept. */
    Path data() {
        if (data == null) {
            try {
                data = Files.createTempDirectory("chat-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    @Override
    public void afterEach(ExtensionContext test) throws Exception {
        for (var resource : opened.reversed()) {
            resource.close();
        }
        opened.clear();
        if (data != null) {
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            data = null;
        }
    }
}
