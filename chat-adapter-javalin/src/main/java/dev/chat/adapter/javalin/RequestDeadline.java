package dev.chat.adapter.javalin;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose first request has not arrived whole within the deadline, however it trickles in.
 *
 * <p>Jetty's idle timeout restarts with every byte received, so a client that sends its request headers one byte
 * every few seconds holds a connection, and its buffers, for as long as it likes. This puts a deadline on the whole
 * request instead: it is armed when an HTTP connection opens (over TLS that includes the TLS handshake) and met
 * when the request reaches the first handler, before any upgrade. Only the first request: once a WebSocket has taken
 * over the connection, nothing here may close it.
 */
final class RequestDeadline extends Handler.Wrapper implements Connection.Listener {

    private final Duration timeout;
    private final Scheduler scheduler;
    private final ConcurrentHashMap<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    /** @param scheduler started and stopped with the server; {@link #setHandler} names the handler it guards */
    RequestDeadline(Duration timeout, Scheduler scheduler) {
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof ConnectionMetaData) {
            pending.put(connection, scheduler.schedule(() -> expire(connection), timeout.toNanos(),
                    TimeUnit.NANOSECONDS));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        met(connection);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        met(request.getConnectionMetaData().getConnection());
        return super.handle(request, response, callback);
    }

    /** How many connections are waiting for their first request now. */
    int waiting() {
        return pending.size();
    }

    private void met(Connection connection) {
        var task = pending.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    private void expire(Connection connection) {
        if (pending.remove(connection) != null) {
            connection.getEndPoint().close();
        }
    }
}
