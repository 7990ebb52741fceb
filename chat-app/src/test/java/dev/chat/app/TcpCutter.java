package dev.chat.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between a client and the server, which a test can have swallow what the server says, and cut: the
 * network failing at the worst moment, after a client sent something and before its answer came back.
 */
final class TcpCutter implements AutoCloseable {

    private final ServerSocket listening;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean swallowing;

    TcpCutter(int target) throws IOException {
        this.target = target;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptUntilClosed);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** From now on, what the server sends reaches no client. */
    void swallowAnswers() {
        swallowing = true;
    }

    /** Drops every connection at once, as a failing network does, and forwards faithfully again after. */
    void cut() throws IOException {
        for (var socket : open) {
            socket.close();
        }
        open.clear();
        swallowing = false;
    }

    private void acceptUntilClosed() {
        while (!listening.isClosed()) {
            try {
                var client = listening.accept();
                var server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                var fromClient = client.getInputStream();
                var fromServer = server.getInputStream();
                Thread.ofVirtual().start(() -> pump(fromClient, server, false));
                Thread.ofVirtual().start(() -> pump(fromServer, client, true));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(InputStream in, Socket to, boolean answers) {
        var buffer = new byte[8192];
        try (in; OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!(answers && swallowing)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException cut) {
            // the connection was cut, or its other end went away
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        cut();
    }
}
