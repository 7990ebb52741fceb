package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * A WebSocket client written on a bare socket, for what the JDK client hides: the HTTP answer to a refused
 * upgrade, a peer that never answers pings, and a peer that never reads.
 */
public final class RawSocket implements AutoCloseable {

    public record HttpAnswer(int status, Map<String, String> headers, String body) {}

    public record Frame(int opcode, byte[] payload) {
        public int closeCode() {
            return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private final Socket socket;
    private final DataInputStream in;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Sends an upgrade request and reads the HTTP answer; the socket stays open if it was upgraded. */
    static RawSocket upgrade(int port, String query, Map<String, String> headers, int receiveBuffer)
            throws IOException {
        var socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) (TestClient.WAIT_SECONDS * 1000));
        var request = new StringBuilder()
                .append("GET /ws?").append(query).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        return new RawSocket(socket);
    }

    public static HttpAnswer refusedUpgrade(int port, String query, Map<String, String> headers)
            throws IOException {
        try (var raw = upgrade(port, query, headers, 0)) {
            return raw.readAnswer();
        }
    }

    /** An upgraded socket that will never read or write another byte unless the test says so. */
    public static RawSocket upgraded(int port, String query, int receiveBuffer) throws IOException {
        var raw = upgrade(port, query, Map.of(), receiveBuffer);
        assertEquals(101, raw.readAnswer().status());
        return raw;
    }

    HttpAnswer readAnswer() throws IOException {
        var statusLine = readLine();
        var headers = new LinkedHashMap<String, String>();
        for (var line = readLine(); !line.isEmpty(); line = readLine()) {
            var colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
        }
        var status = Integer.parseInt(statusLine.split(" ")[1]);
        var body = "chunked".equals(headers.get("transfer-encoding")) ? readChunks() : readBytes(headers);
        return new HttpAnswer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] readBytes(Map<String, String> headers) throws IOException {
        var body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
        in.readFully(body);
        return body;
    }

    private byte[] readChunks() throws IOException {
        var body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine(), 16); size > 0; size = Integer.parseInt(readLine(), 16)) {
            body.write(in.readNBytes(size));
            readLine();
        }
        readLine();
        return body.toByteArray();
    }

    /** Reads frames, never answering pings, until the server's close frame; its code, or 1006 if the TCP closed. */
    int awaitCloseCode() throws IOException {
        return awaitCloseCode(id -> {});
    }

    /** As {@link #awaitCloseCode()}, and hands on the id of every room message on the way. */
    int awaitCloseCode(LongConsumer ids) throws IOException {
        try {
            for (var frame = readFrame(); ; frame = readFrame()) {
                if (frame.opcode() == 0x8) {
                    return frame.closeCode();
                }
                var id = ID.matcher(new String(frame.payload(), StandardCharsets.UTF_8));
                if (frame.opcode() == 0x1 && id.find()) {
                    ids.accept(Long.parseLong(id.group(1)));
                }
            }
        } catch (EOFException e) {
            return 1006;
        }
    }

    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        var payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    private String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    public OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
