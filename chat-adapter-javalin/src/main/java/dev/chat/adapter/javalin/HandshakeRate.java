package dev.chat.adapter.javalin;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * At most so many upgrades from one client address in each second. A fixed one-second window rather than a token
 * bucket per address: its memory is the addresses seen in the current second and nothing older, so a flood from
 * many addresses cannot grow it, at the price of letting up to twice the rate through across a window's edge.
 * A limit of 0 is no limit. Safe from any thread.
 */
final class HandshakeRate {

    private record Window(long second, ConcurrentHashMap<InetAddress, AtomicInteger> counts) {}

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final AtomicReference<Window> window;

    HandshakeRate(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    HandshakeRate(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.window = new AtomicReference<>(new Window(second(), new ConcurrentHashMap<>()));
    }

    /** Counts one upgrade from this address, or says why it is one too many. */
    Optional<HandshakeRefused> take(InetAddress address) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        var now = current();
        if (now.counts().computeIfAbsent(address, from -> new AtomicInteger()).incrementAndGet() <= perSecond) {
            return Optional.empty();
        }
        return Optional.of(new HandshakeRefused(429, new Rejection(ErrorCode.TOO_MANY_HANDSHAKES,
                "at most " + perSecond + " connections a second from one address: retry in a second")));
    }

    private Window current() {
        long second = second();
        var now = window.get();
        while (now.second() < second) {
            var fresh = new Window(second, new ConcurrentHashMap<>());
            now = window.compareAndSet(now, fresh) ? fresh : window.get();
        }
        return now;
    }

    private long second() {
        return TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong());
    }
}
