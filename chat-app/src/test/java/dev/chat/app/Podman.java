package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Commands run as a user runs them on this kind of machine, with podman on runc (STACK-FACTS): cgroupfs and no
 * default ulimits. The base image of the Dockerfile is made from Debian's packages and this JDK, since no registry
 * is reachable. .ci/run installs podman, runc, mmdebstrap and podman-compose.
 */
final class Podman {

    /** A Java runtime on Debian, for the Dockerfile; {@code BASE + "-debian"} is the plain Debian under it. */
    static final String BASE = "localhost/chat-jre:test";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Ran(int exit, String output) {}

    private static final Path CONF = containersConf();

    private Podman() {}

    static void ensureBase() throws Exception {
        if (run("podman", "image", "exists", BASE).exit() != 0) {
            var base = run("sh", "chat-app/src/test/sh/base-image.sh", BASE);
            assertEquals(0, base.exit(), base.output());
        }
    }

    static Ran podman(String... arguments) throws Exception {
        var command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return run(command, Map.of());
    }

    static Ran run(String... command) throws Exception {
        return run(List.of(command), Map.of());
    }

    /** In the checkout's root, with {@code environment} added to this process's. */
    static Ran run(List<String> command, Map<String, String> environment) throws Exception {
        var builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", CONF.toString());
        builder.environment().put("JAVA_HOME", ServerProcess.currentJava().getParent().getParent().toString());
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        return new Ran(process.exitValue(), output);
    }

    private static Path containersConf() {
        try {
            var conf = Files.createTempFile("containers", ".conf");
            Files.writeString(conf, "[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = \"cgroupfs\"\n"
                    + "runtime = \"runc\"\n");
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
