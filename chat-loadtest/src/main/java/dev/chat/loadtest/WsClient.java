package dev.chat.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import jdk.net.ExtendedSocketOptions;

/**
 * One simulated chat client: a non-blocking socket owned by one {@link IoLoop}, which alone calls it.
 */
final class WsClient implements Frames.Handler, Probe.Sink {

    enum State { CONNECTING, HANDSHAKING, OPEN, CLOSING, CLOSED }

    private static final byte[] NOTHING = new byte[0];
    private static final byte[] PRESENCE = "{\"type\":\"presence\"".getBytes(StandardCharsets.US_ASCII);

    final int index;
    /** The node this connection is to, by its place in the list of URLs. */
    final int node;
    /** The room this client sends to; null to name none. */
    final String room;
    private final IoLoop loop;
    private final Handshake handshake;
    private final long startedNanos;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private SocketChannel channel;
    private SelectionKey key;
    private State state = State.CONNECTING;
    private byte[] carry = NOTHING;
    private int carried;
    private Deliveries deliveries;
    private int phase = -1;
    private long lastId = -1;
    private long lostNanos;
    private boolean resuming;
    private boolean answered;

    // Sending, for clients that are senders in the current phase.
    int senderIndex = -1;
    long nextSendNanos;
    int sequence;

    WsClient(int index, int node, IoLoop loop, URI uri, String room) {
        this.index = index;
        this.node = node;
        this.room = room;
        this.loop = loop;
        this.handshake = new Handshake(uri);
        this.startedNanos = System.nanoTime();
    }

    /**
     * The same client on a new connection, at {@code uri} on {@code newNode}: what it received and sent goes on
     * where this one stopped, and the time it was lost is kept to measure how long it was away.
     */
    WsClient successor(int newNode, URI uri, long lostAt) {
        var next = new WsClient(index, newNode, loop, uri, room);
        next.deliveries = deliveries;
        next.phase = phase;
        next.lastId = lastId;
        next.senderIndex = senderIndex;
        next.sequence = sequence;
        next.lostNanos = lostAt;
        next.resuming = true;
        return next;
    }

    /** The id of the last message of its room this client received, -1 before the first. */
    long lastId() {
        return lastId;
    }

    /** Whether this connection resumed a lost one and was closed before the server's presence answered it. */
    boolean unansweredResume() {
        return resuming && !answered;
    }

    /** When the connection this one replaces was lost. */
    long lostNanos() {
        return lostNanos;
    }

    int phase() {
        return phase;
    }

    State state() {
        return state;
    }

    long startedNanos() {
        return startedNanos;
    }

    void open(InetSocketAddress server, InetSocketAddress source) throws IOException {
        channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            if (source != null) {
                channel.bind(source);
            }
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            if (channel.connect(server)) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Called when the socket is ready for what its state is waiting for. */
    void ready() throws IOException, Frames.ProtocolException {
        if (key.isConnectable() && channel.finishConnect()) {
            connected();
        }
        if (key.isValid() && key.isWritable()) {
            flush();
        }
        if (key.isValid() && key.isReadable()) {
            read();
        }
    }

    void startPhase(int newPhase, int senders) {
        phase = newPhase;
        deliveries = new Deliveries(senders);
        sequence = 0;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    void send(ByteBuffer frame) throws IOException {
        if (unwritten.isEmpty()) {
            channel.write(frame);
        }
        if (frame.hasRemaining()) {
            unwritten.add(frame);
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    /** Starts the closing handshake; the server's close frame, or the deadline, ends it. */
    void close() throws IOException {
        if (state == State.OPEN) {
            state = State.CLOSING;
            send(Frames.close(1000));
        } else if (state != State.CLOSING) {
            abort();
        }
    }

    void abort() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken
        }
        loop.closed(this);
    }

    @Override
    public void frame(int opcode, byte[] bytes, int from, int to) {
        switch (opcode) {
            case Frames.TEXT -> {
                answered |= resuming && isPresence(bytes, from, to);
                if (loop.tracksIds()) {
                    lastId = Math.max(lastId, MessageIds.highest(bytes, from, to));
                }
                if (Probe.scan(bytes, from, to, this) == 0) {
                    loop.otherMessage(bytes, from, to);
                }
            }
            case Frames.PING -> loop.mustSend(this, Frames.pong(bytes, from, to));
            case Frames.CLOSE -> loop.closedByServer(this, to - from >= 2 ? (bytes[from] & 0xFF) << 8 | bytes[from + 1] & 0xFF : 1005);
            default -> { } // pongs and binary frames carry nothing the tester measures
        }
    }

    @Override
    public void probe(int probePhase, int sender, int probeSequence, long sentNanos) {
        if (probePhase == phase && deliveries != null) {
            if (deliveries.record(sender, probeSequence)) {
                loop.latency(sentNanos);
            }
        } else {
            loop.stale();
        }
    }

    private static boolean isPresence(byte[] bytes, int from, int to) {
        return to - from >= PRESENCE.length
                && Arrays.equals(bytes, from, from + PRESENCE.length, PRESENCE, 0, PRESENCE.length);
    }

    private void connected() throws IOException {
        state = State.HANDSHAKING;
        key.interestOps(SelectionKey.OP_READ);
        send(handshake.request().duplicate());
    }

    private void flush() throws IOException {
        while (!unwritten.isEmpty()) {
            var frame = unwritten.peek();
            channel.write(frame);
            if (frame.hasRemaining()) {
                return;
            }
            unwritten.poll();
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    private void read() throws IOException, Frames.ProtocolException {
        var buffer = loop.readBuffer();
        System.arraycopy(carry, 0, buffer.array(), 0, carried);
        buffer.clear().position(carried);
        int read = channel.read(buffer);
        quietAcks();
        if (read < 0) {
            loop.closedByServer(this, 1006);
            return;
        }
        int length = carried + read;
        int start = 0;
        if (state == State.HANDSHAKING) {
            start = Handshake.endOfHead(buffer.array(), length);
            if (start < 0) {
                keep(buffer.array(), 0, length);
                return;
            }
            var refusal = handshake.refusal(buffer.array(), start);
            if (refusal != null) {
                loop.failedToOpen(this, refusal);
                return;
            }
            state = State.OPEN;
            loop.opened(this, System.nanoTime() - startedNanos);
        }
        int consumed = Frames.parse(buffer.array(), start, length, buffer.capacity() / 2, this);
        keep(buffer.array(), consumed, length);
    }

    /**
     * Linux acknowledges each read at once unless told otherwise, and on loopback every acknowledgement costs a
     * trip through both sockets' TCP stacks, in this process and in the server. Asking for delayed
     * acknowledgements again after each read (the kernel forgets it) lets them ride along with later traffic.
     */
    private void quietAcks() throws IOException {
        channel.setOption(ExtendedSocketOptions.TCP_QUICKACK, false);
    }

    private void keep(byte[] bytes, int from, int to) {
        carried = to - from;
        if (carry.length < carried) {
            carry = new byte[Math.max(carried, 256)];
        }
        System.arraycopy(bytes, from, carry, 0, carried);
    }
}
