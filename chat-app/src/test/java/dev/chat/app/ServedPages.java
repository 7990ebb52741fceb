package dev.chat.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The server a browser test starts and the browsers it opens; {@link #close} closes the browsers, then the server. */
final class ServedPages implements AutoCloseable {

    static final String SECRET = "a-secret-for-the-browser-tests-32-bytes";

    private final Path data;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ChatApplication app;

    ServedPages(Path data) {
        this.data = data;
    }

    /** Starts the server on a free port (unless {@code extra} names one), with no rate limits, history in the folder. */
    void start(Map<String, String> extra) throws ConfigException {
        var environment = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", data.toString(), "RATE_LIMIT_PER_SEC", "0",
                "USER_RATE_LIMIT_PER_SEC", "0"));
        environment.putAll(extra);
        app = ChatApplication.start(ChatConfig.load(environment).config());
    }

    ChatApplication app() {
        return app;
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    Browser browser() {
        var browser = Browser.open();
        opened.add(browser);
        return browser;
    }

    @Override
    public void close() throws Exception {
        for (var resource : opened.reversed()) {
            resource.close();
        }
        if (app != null) {
            app.stop();
        }
    }
}
