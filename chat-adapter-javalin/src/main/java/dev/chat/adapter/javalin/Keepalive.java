package dev.chat.adapter.javalin;

import dev.chat.domain.port.offered.Client;
import dev.chat.domain.protocol.CloseReason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Pings every connection, closes the ones that have gone quiet, and those whose token has run out.
 *
 * <p>Jetty's own idle timeout cannot tell a dead peer from a live one while the server keeps writing to it (every
 * write resets it). So the socket tells its {@link Watch} of every frame it receives, pongs included, and the watch
 * looks ten times per idle timeout at when it last heard from the peer; after a whole idle timeout of silence the
 * connection is closed with 1001. A silent peer is therefore closed between one and 1.1 idle timeouts after its
 * last frame.
 */
final class Keepalive implements AutoCloseable {

    static final int IDLE_CLOSE_CODE = 1001;

    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final Duration expiryWarning;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("chat-keepalive").daemon().factory());

    /** @param expiryWarning how long before its token runs out a connection is told to refresh it */
    Keepalive(Duration pingInterval, Duration idleTimeout, Duration expiryWarning) {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        this.expiryWarning = expiryWarning;
        // Otherwise a closed connection's tasks, and through them its session, stay queued until they were due.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts watching a connection; stop the watch when the connection closes. */
    Watch watch(JettyConnection connection) {
        return new Watch(connection);
    }

    /** The timer every socket's deadlines run on. */
    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    final class Watch {

        private final JettyConnection connection;
        private final ScheduledFuture<?> pings;
        private final ScheduledFuture<?> checks;
        private ScheduledFuture<?> warning;
        private ScheduledFuture<?> expiry;
        private volatile long lastHeardNanos = System.nanoTime();

        private Watch(JettyConnection connection) {
            this.connection = connection;
            long pingNanos = pingInterval.toNanos();
            long checkNanos = Math.max(1, idleTimeout.toNanos() / 10);
            this.pings = timer.scheduleAtFixedRate(this::ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
            this.checks = timer.scheduleAtFixedRate(this::check, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        }

        /** The peer sent a frame: it is alive. */
        void heard() {
            lastHeardNanos = System.nanoTime();
        }

        /**
         * The connection lives on a token: the client is told ahead of its expiry, and the connection is closed with
         * {@link CloseReason#TOKEN_EXPIRED} at {@code closeAt} unless a later call, for a fresh token, comes first.
         */
        synchronized void expireAt(Credential credential, Client client) {
            cancelExpiry();
            var expires = credential.expires();
            warning = timer.schedule(() -> client.expiring(expires), nanosUntil(expires.minus(expiryWarning)),
                    TimeUnit.NANOSECONDS);
            expiry = timer.schedule(this::expire, nanosUntil(credential.closeAt()), TimeUnit.NANOSECONDS);
        }

        synchronized void stop() {
            pings.cancel(false);
            checks.cancel(false);
            cancelExpiry();
        }

        private void cancelExpiry() {
            if (expiry != null) {
                warning.cancel(false);
                expiry.cancel(false);
            }
        }

        /** A token may be valid for longer than a long can count nanoseconds: that is as good as forever. */
        private static long nanosUntil(Instant instant) {
            var left = Duration.between(Instant.now(), instant);
            return left.isNegative() ? 0 : left.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE : left.toNanos();
        }

        private void expire() {
            stop();
            connection.close(CloseReason.TOKEN_EXPIRED.code(), CloseReason.TOKEN_EXPIRED.description());
        }

        private void ping() {
            connection.ping();
        }

        private void check() {
            if (System.nanoTime() - lastHeardNanos >= idleTimeout.toNanos()) {
                stop();
                connection.close(IDLE_CLOSE_CODE, "idle timeout");
            }
        }
    }
}
