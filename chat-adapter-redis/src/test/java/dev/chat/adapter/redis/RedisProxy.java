package dev.chat.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP relay in front of a Redis, for one node: {@link #partition()} stops it passing bytes either way without
 * closing anything, as a network that drops packets does, so that each side's sends pile up; {@link #heal()} lets
 * them through again in order, as TCP's retransmissions do once the network is back.
 */
public final class RedisProxy implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final ServerSocket listener;
    private final int redisPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition healed = lock.newCondition();
    private boolean partitioned;

    private RedisProxy(int redisPort) {
        this.redisPort = redisPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("redis-proxy-accept").start(this::accept);
    }

    public static RedisProxy to(LocalRedis redis) {
        return new RedisProxy(redis.port());
    }

    public String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    public void partition() {
        lock.lock();
        try {
            partitioned = true;
        } finally {
            lock.unlock();
        }
    }

    public void heal() {
        lock.lock();
        try {
            partitioned = false;
            healed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        heal();
        listener.close();
        for (var socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                var redis = new Socket(InetAddress.getLoopbackAddress(), redisPort);
                sockets.add(client);
                sockets.add(redis);
                Thread.ofVirtual().start(() -> relay(client, redis));
                Thread.ofVirtual().start(() -> relay(redis, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to) {
        var buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitHealed();
                out.write(buffer, 0, read);
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed: so does the other, below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitHealed() throws InterruptedException {
        lock.lock();
        try {
            while (partitioned) {
                healed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing more to release
        }
    }
}
