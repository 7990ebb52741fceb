package dev.chat.app;

import static dev.chat.app.ServerProcess.SCRIPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ahead-of-time cache the package makes on JDK 25+, and when the start script uses it. */
class AotCacheIT {

    @Test
    void on_jdk_25_the_start_script_starts_from_the_ahead_of_time_cache_made_at_package_time_but_not_its_profiles()
            throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the cache is made and used on JDK 25 or newer");
        var cache = SCRIPT.resolveSibling("chat-app.aot");
        assertTrue(Files.isRegularFile(cache), "package made no " + cache);
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var server = ServerProcess.start(List.of(SCRIPT.toString()), Map.of("PORT", "0", "JAVA_HOME", javaHome));
        var lines = server.awaitStartup().lines();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-XX:AOTCache=" + cache), "started without the cache: " + jvmOptions);
        assertTrue(jvmOptions.contains("-XX:-AOTReplayTraining"), "replays the cache's profiles: " + jvmOptions);
        assertTrue(lines.stream().noneMatch(line -> line.contains("[aot")),
                "the JVM could not use the cache: " + String.join("\n", lines));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }

    /** As the deployment guide installs it: the script, the jar and the cache copied to another folder. */
    @Test
    void on_jdk_25_a_copy_of_the_server_and_its_cache_starts_elsewhere_once_the_build_it_came_from_is_gone()
            throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the cache is made and used on JDK 25 or newer");
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var built = Files.createTempDirectory("chat-built");
        Files.copy(SCRIPT, built.resolve("chat-server"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(SCRIPT.resolveSibling("chat-app.jar"), built.resolve("chat-app.jar"));
        var training = ServerProcess.start(List.of(built.resolve("chat-server").toString(), "--train"),
                Map.of("JAVA_HOME", javaHome, "JAVA_OPTS", "-XX:AOTCacheOutput=" + built.resolve("chat-app.aot")));
        assertTrue(training.process().waitFor(3, TimeUnit.MINUTES), "the training run did not end");
        assertEquals(0, training.process().exitValue(), String.join("\n", training.lines()));
        var installed = Files.createTempDirectory("chat-installed");
        for (var file : List.of("chat-server", "chat-app.jar", "chat-app.aot")) {
            Files.copy(built.resolve(file), installed.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            Files.delete(built.resolve(file));
        }
        Files.delete(built);

        var server = ServerProcess.start(List.of(installed.resolve("chat-server").toString()),
                Map.of("PORT", "0", "JAVA_HOME", javaHome, "WARMUP_SESSIONS", "0"));
        var lines = server.awaitStartup().lines();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-XX:AOTCache=" + installed.resolve("chat-app.aot")), jvmOptions.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains("[aot")), String.join("\n", lines));
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void with_java_opts_set_the_start_script_leaves_the_cache_out_since_other_heap_options_may_not_fit_it()
            throws Exception {
        var javaHome = ServerProcess.currentJava().getParent().getParent().toString();
        var server = ServerProcess.start(List.of(SCRIPT.toString()),
                Map.of("PORT", "0", "JAVA_HOME", javaHome, "JAVA_OPTS", "-Xms96m -Xmn64m", "WARMUP_SESSIONS", "0"));
        server.awaitStartup();
        var jvmOptions = server.process().info().arguments().map(List::of).orElse(List.of());
        server.process().destroy();

        assertTrue(jvmOptions.contains("-Xmn64m"), jvmOptions.toString());
        assertTrue(jvmOptions.stream().noneMatch(option -> option.startsWith("-XX:AOTCache")), jvmOptions.toString());
        assertTrue(server.process().waitFor(20, TimeUnit.SECONDS));
    }
}
