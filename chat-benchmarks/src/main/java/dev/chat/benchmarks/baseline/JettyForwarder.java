package dev.chat.benchmarks.baseline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The least a broadcast server can do on Jetty 12, to measure the chat server against on the same machine: every
 * text a client sends on {@code /ws} goes, byte for byte, to every connected client, the sender included. No JSON, no
 * rooms, no ids, no join or leave. Each client has a bounded queue (full: the message is dropped and counted) drained
 * by a virtual thread that hands everything queued to Jetty as batched frames and waits for one flush: many frames
 * per socket write, as the chat server's writer does. {@code GET /health} answers {@code {"status":"ok","clients":N}}.
 *
 * <p>Run it with the chat server's JVM options, on a port of its own (the first argument, 9090 if none):
 * {@code java -XX:+UseSerialGC -Xmx512m -cp chat-benchmarks/target/chat-benchmarks.jar
 * dev.chat.benchmarks.baseline.JettyForwarder 9090}.
 */
public final class JettyForwarder {

    private static final int QUEUE = 1024;

    private final Set<Peer> peers = ConcurrentHashMap.newKeySet();
    private final LongAdder dropped = new LongAdder();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9090;
        var server = new JettyForwarder().server(port);
        server.start();
        System.out.println("forwarding on ws://0.0.0.0:" + port + "/ws");
        server.join();
    }

    Server server(int port) {
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        var upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/ws", (request, response, callback) -> {
            response.setExtensions(List.of());
            return new Peer();
        });
        upgrades.setHandler(new Health());
        server.setHandler(upgrades);
        return server;
    }

    /** One client: its frames go to everyone; everyone's come to it through its queue. */
    private final class Peer implements FrameHandler {

        private final ArrayBlockingQueue<ByteBuffer> queue = new ArrayBlockingQueue<>(QUEUE);
        private CoreSession session;
        private Thread writer;

        @Override
        public void onOpen(CoreSession opened, Callback callback) {
            session = opened;
            writer = Thread.ofVirtual().start(this::drain);
            peers.add(this);
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT) {
                var payload = ByteBuffer.allocate(frame.getPayloadLength()).put(frame.getPayload()).flip();
                for (var peer : peers) {
                    if (!peer.queue.offer(payload.asReadOnlyBuffer())) {
                        dropped.increment();
                    }
                }
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        /** Everything queued goes out as frames batched into Jetty's buffer, then one flush, which the writer awaits. */
        private void drain() {
            var batch = new ArrayList<ByteBuffer>();
            try {
                while (true) {
                    batch.add(queue.take());
                    queue.drainTo(batch);
                    for (var payload : batch) {
                        session.sendFrame(new Frame(OpCode.TEXT, payload.slice()), Callback.NOOP, true);
                    }
                    batch.clear();
                    var flushed = new FutureCallback();
                    session.flush(flushed);
                    flushed.get();
                }
            } catch (InterruptedException | ExecutionException closed) {
                peers.remove(this);
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            peers.remove(this);
            writer.interrupt();
            callback.succeeded();
        }
    }

    /** {@code GET /health}; 404 for anything else that is not an upgrade. */
    private final class Health extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/health".equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            var body = "{\"status\":\"ok\",\"clients\":" + peers.size() + ",\"dropped\":" + dropped.sum() + "}";
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
