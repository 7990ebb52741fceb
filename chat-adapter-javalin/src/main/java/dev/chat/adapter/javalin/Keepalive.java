package dev.chat.adapter.javalin;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Pings every connection and closes the ones that have gone quiet.
 *
 * <p>Jetty's own idle timeout cannot tell a dead peer from a live one while the server keeps writing to it (every
 * write resets it), and Javalin offers no pong hook. So each connection's count of frames received, pongs
 * included, is sampled ten times per idle timeout; if it has not moved for the whole idle timeout, the peer is
 * silent and the connection is closed with 1001. A silent peer is therefore closed between one and 1.1 idle
 * timeouts after its last frame.
 */
final class Keepalive implements AutoCloseable {

    static final int IDLE_CLOSE_CODE = 1001;

    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("chat-keepalive").daemon().factory());

    Keepalive(Duration pingInterval, Duration idleTimeout) {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        // Otherwise a closed connection's tasks, and through them its session, stay queued until they were due.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts watching a connection; stop the watch when the connection closes. */
    Watch watch(CoreSession session, JettyConnection connection) {
        return new Watch(session, connection);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    final class Watch {

        private final CoreSession session;
        private final JettyConnection connection;
        private final ScheduledFuture<?> pings;
        private final ScheduledFuture<?> checks;
        // Touched only by the timer thread.
        private long framesSeen = -1;
        private long lastHeardNanos = System.nanoTime();

        private Watch(CoreSession session, JettyConnection connection) {
            this.session = session;
            this.connection = connection;
            long pingNanos = pingInterval.toNanos();
            long checkNanos = Math.max(1, idleTimeout.toNanos() / 10);
            this.pings = timer.scheduleAtFixedRate(this::ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
            this.checks = timer.scheduleAtFixedRate(this::check, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        }

        void stop() {
            pings.cancel(false);
            checks.cancel(false);
        }

        private void ping() {
            connection.ping();
        }

        private void check() {
            long frames = framesReceived();
            long now = System.nanoTime();
            if (frames != framesSeen) {
                framesSeen = frames;
                lastHeardNanos = now;
            } else if (now - lastHeardNanos >= idleTimeout.toNanos()) {
                stop();
                connection.close(IDLE_CLOSE_CODE, "idle timeout");
            }
        }

        private long framesReceived() {
            return ((WebSocketCoreSession) session).getConnection().getMessagesIn();
        }
    }
}
