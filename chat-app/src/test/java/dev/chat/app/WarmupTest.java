package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void every_loopback_session_upgrades_chats_and_closes() throws Exception {
        assertEquals(40, Warmup.run(ChatConfig.load(Map.of()).config(), 40));
    }

    @Test
    void the_throwaway_server_leaves_no_thread_behind() throws Exception {
        var before = Set.copyOf(Thread.getAllStackTraces().keySet());

        Warmup.run(ChatConfig.load(Map.of()).config(), 10);

        for (var thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && !thread.isDaemon()) {
                thread.join(Duration.ofSeconds(10));
                assertFalse(thread.isAlive(), thread.getName() + " is still running after the warm-up");
            }
        }
    }
}
