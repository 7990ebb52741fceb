package dev.chat.adapter.javalin;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many WebSockets are open, in all and from each client address, against the caps in {@link ServerSettings}:
 * one address cannot take the server's every connection. A cap of 0 is no cap. Safe from any thread.
 */
final class Seats {

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    Seats(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a seat for a connection from this address, or says why there is none; give it back with release. */
    Optional<HandshakeRefused> take(InetAddress address) {
        if (total.incrementAndGet() > maxTotal && maxTotal > 0) {
            total.decrementAndGet();
            return Optional.of(new HandshakeRefused(503, new Rejection(ErrorCode.SERVER_FULL,
                    "the server holds all the connections it may (" + maxTotal + "); try again later")));
        }
        if (maxPerAddress > 0 && !takeFrom(address)) {
            total.decrementAndGet();
            return Optional.of(new HandshakeRefused(429, new Rejection(ErrorCode.TOO_MANY_CONNECTIONS,
                    "at most " + maxPerAddress + " connections from one address")));
        }
        return Optional.empty();
    }

    void release(InetAddress address) {
        total.decrementAndGet();
        if (maxPerAddress > 0) {
            perAddress.computeIfPresent(address, (from, open) -> open == 1 ? null : open - 1);
        }
    }

    private boolean takeFrom(InetAddress address) {
        var taken = new boolean[1];
        perAddress.compute(address, (from, open) -> {
            int now = open == null ? 0 : open;
            taken[0] = now < maxPerAddress;
            return taken[0] ? now + 1 : open;
        });
        return taken[0];
    }
}
