package dev.chat.adapter.javalin;

import dev.chat.domain.CloseReason;
import dev.chat.domain.Connection;
import dev.chat.domain.EncodedMessage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Writes a client's messages through Jetty's core session, below Javalin's {@code send}: that one hands each frame
 * to an unbounded queue and forgets it. Here every message of a batch but the last is added to Jetty's batch buffer,
 * and the last one flushes them all in one write, each still its own frame; the caller waits for that write, so
 * the hub's bounded outbox is the only place messages pile up.
 */
final class JettyConnection implements Connection {

    private final CoreSession session;

    JettyConnection(CoreSession session) {
        this.session = session;
    }

    @Override
    public void send(List<EncodedMessage> messages) throws IOException {
        int last = messages.size() - 1;
        for (int i = 0; i < last; i++) {
            session.sendFrame(new Frame(OpCode.TEXT, messages.get(i).bytes()), Callback.NOOP, true);
        }
        var flushed = new CompletableFuture<Void>();
        // The last frame is sent unbatched: that flushes it together with everything batched before it.
        session.sendFrame(new Frame(OpCode.TEXT, messages.get(last).bytes()), Callback.from(flushed), false);
        try {
            flushed.get();
        } catch (ExecutionException e) {
            throw new IOException("could not write to the socket", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing to the socket");
        }
    }

    @Override
    public void close(CloseReason reason) {
        session.close(reason.code(), reason.description(), Callback.NOOP);
    }
}
