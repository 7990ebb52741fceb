package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HandshakeRateTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(7 * SECOND);
    private final HandshakeRate rate = new HandshakeRate(2, now::get);

    @Test
    void each_address_gets_its_own_count_for_the_second_and_a_new_second_starts_it_again() throws Exception {
        var one = InetAddress.getByName("192.0.2.1");
        var two = InetAddress.getByName("192.0.2.2");

        assertTrue(rate.take(one).isEmpty());
        assertTrue(rate.take(one).isEmpty());
        var third = rate.take(one).orElseThrow();
        assertTrue(rate.take(two).isEmpty(), "another address is counted apart");

        assertEquals(429, third.status());
        assertEquals(ErrorCode.TOO_MANY_HANDSHAKES, third.rejection().code());
        now.addAndGet(SECOND - 1);
        assertTrue(rate.take(one).isPresent(), "still the same second");
        now.addAndGet(1);
        assertTrue(rate.take(one).isEmpty(), "a new second");
    }

    @Test
    void a_limit_of_zero_lets_every_upgrade_through() throws Exception {
        var unlimited = new HandshakeRate(0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertTrue(unlimited.take(InetAddress.getLoopbackAddress()).isEmpty());
        }
    }
}
