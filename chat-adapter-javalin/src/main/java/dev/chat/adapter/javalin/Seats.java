package dev.chat.adapter.javalin;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.Rejection;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many WebSockets are open, in all, from each client address and for each user, against the caps in
 * {@link ServerSettings}: one address cannot take the server's every connection, nor one user's tokens. A cap of 0
 * is no cap. Safe from any thread.
 */
final class Seats {

    private final int maxTotal;
    private final AtomicInteger total = new AtomicInteger();
    private final PerKey<InetAddress> perAddress;
    private final PerKey<String> perUser;

    Seats(int maxTotal, int maxPerAddress, int maxPerUser) {
        this.maxTotal = maxTotal;
        this.perAddress = new PerKey<>(maxPerAddress);
        this.perUser = new PerKey<>(maxPerUser);
    }

    /** Takes a seat for a connection from this address, or says why there is none; give it back with release. */
    Optional<HandshakeRefused> take(InetAddress address) {
        if (total.incrementAndGet() > maxTotal && maxTotal > 0) {
            total.decrementAndGet();
            return Optional.of(new HandshakeRefused(503, new Rejection(ErrorCode.SERVER_FULL,
                    "the server holds all the connections it may (" + maxTotal + "); try again later")));
        }
        if (!perAddress.take(address)) {
            total.decrementAndGet();
            return Optional.of(new HandshakeRefused(429, new Rejection(ErrorCode.TOO_MANY_CONNECTIONS,
                    "at most " + perAddress.cap + " connections from one address")));
        }
        return Optional.empty();
    }

    /** Takes the user's share of a seat already taken for its address; give both back with release. */
    Optional<HandshakeRefused> takeForUser(String userId) {
        if (!perUser.take(userId)) {
            return Optional.of(new HandshakeRefused(429, new Rejection(ErrorCode.TOO_MANY_USER_CONNECTIONS,
                    "at most " + perUser.cap + " connections for one user: close another first")));
        }
        return Optional.empty();
    }

    void release(InetAddress address) {
        total.decrementAndGet();
        perAddress.release(address);
    }

    void release(InetAddress address, String userId) {
        release(address);
        perUser.release(userId);
    }

    /** Open connections counted by key, none over the cap. */
    private static final class PerKey<K> {

        final int cap;
        private final ConcurrentHashMap<K, Integer> open = new ConcurrentHashMap<>();

        PerKey(int cap) {
            this.cap = cap;
        }

        boolean take(K key) {
            if (cap <= 0) {
                return true;
            }
            var taken = new boolean[1];
            open.compute(key, (k, count) -> {
                int now = count == null ? 0 : count;
                taken[0] = now < cap;
                return taken[0] ? now + 1 : count;
            });
            return taken[0];
        }

        void release(K key) {
            if (cap > 0) {
                open.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
            }
        }
    }
}
