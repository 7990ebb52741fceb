package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment guide's systemd unit is one systemd accepts whole: no unknown key, no bad value. */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("src/main/systemd/chat.service");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path folder;

    @Test
    void systemd_analyze_verifies_the_unit_without_a_word() throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed");
        // verify also checks that ExecStart is an executable: this checkout's start script stands in for /opt/chat's.
        var script = Files.copy(Path.of("src/main/sh/chat-server"), folder.resolve("chat-server"));
        assumeTrue(script.toFile().setExecutable(true), "cannot make a file executable here");
        var unit = folder.resolve("chat.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/chat/chat-server", script.toString()));

        var verify = new ProcessBuilder(ANALYZE.toString(), "verify", unit.toString()).redirectErrorStream(true).start();
        var said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, verify.waitFor(), said);
        assertEquals("", said.strip());
    }

    @Test
    void the_deployment_guide_shows_the_unit_as_it_is() throws Exception {
        assertEquals(true, Files.readString(Path.of("../docs/deployment.md")).contains(Files.readString(UNIT)));
    }
}
