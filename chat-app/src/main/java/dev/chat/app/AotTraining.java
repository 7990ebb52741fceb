package dev.chat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * The training run of the JDK's ahead-of-time cache (JDK 25+, {@code -XX:AOTCacheOutput}), made at package time by
 * {@code chat-server --train}: a start as {@link Main} makes one, with the default configuration on a loopback port
 * and a throwaway data folder, the warm-up, then the same sessions against the started server, and a stop. The
 * classes it loads and links and the methods it profiles are what a real start needs first, so a start with the
 * cache skips their loading and linking, and compiles the hot paths sooner.
 */
final class AotTraining {

    private static final int SESSIONS_AGAINST_THE_SERVER = 1000;

    private AotTraining() {}

    static void run() throws ConfigException, InterruptedException, IOException {
        var data = Files.createTempDirectory("chat-training");
        try {
            var config = ChatConfig.load(Map.of("HOST", "127.0.0.1", "PORT", "0", "DATA_DIR", data.toString(),
                    "HANDSHAKES_PER_ADDRESS_PER_SEC", "0", "MAX_CONNECTIONS_PER_ADDRESS", "0",
                    "RATE_LIMIT_PER_SEC", "0", "USER_RATE_LIMIT_PER_SEC", "0")).config();
            Warmup.run(config, config.warmupSessions());
            var app = ChatApplication.start(config);
            try {
                Warmup.sessions(app.port(), SESSIONS_AGAINST_THE_SERVER);
            } finally {
                app.stop();
            }
        } finally {
            delete(data);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
