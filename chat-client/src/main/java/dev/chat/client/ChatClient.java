package dev.chat.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client of the chat, as {@code chat.js} is one for browsers: it connects, enters rooms, posts, and keeps going.
 * <ul>
 *   <li>When the connection drops with a code worth retrying it reconnects, after a wait with full jitter, and
 *       resumes every room after the last message it saw there; each message is handed on once, by id.</li>
 *   <li>Each chat and edit carries a nonce, and one not answered when the connection dropped is sent again once the
 *       client is back in its rooms: the server posts it at most once.</li>
 *   <li>A token comes from a supplier, asked again before each reconnect and when the server says it is expiring.</li>
 * </ul>
 *
 * <pre>{@code
 * var chat = ChatClient.builder(URI.create("ws://localhost:8080/ws")).user("alice", "Alice").room("dev").build();
 * chat.on("chat", frame -> System.out.println(frame.string("username") + ": " + frame.string("content")));
 * chat.connect().join();
 * chat.send("dev", "Hello, dev").join();
 * }</pre>
 *
 * <p>Threading: every method is safe from any thread; listeners run on the client's own thread, one at a time.
 */
public final class ChatClient implements AutoCloseable {

    /** The close codes after which it reconnects; 4001 too where the token can be asked for again. */
    static final Set<Integer> RETRY_CODES = Set.of(1001, 1006, 1011, 1012, 1013, 1014, 4008);
    static final int TOKEN_EXPIRED = 4001;

    /** Where the client is: before {@link #connect()}, on its way, open, waiting to reconnect, or done. */
    public enum State { IDLE, CONNECTING, OPEN, RECONNECTING, CLOSED }

    private final URI url;
    private final String userId;
    private final String username;
    private final Supplier<String> token;
    private final Backoff backoff;
    private final HttpClient http;
    /** Every change of state happens on this one thread, so none needs a lock. */
    private final ScheduledExecutorService loop;
    private final Map<String, List<Consumer<Frame>>> listeners = new HashMap<>();
    private final List<Consumer<State>> stateListeners = new CopyOnWriteArrayList<>();
    private final Set<String> rooms = new LinkedHashSet<>();
    private final Cursor cursor = new Cursor();
    private final Requests requests = new Requests();
    private WebSocket socket;
    private volatile State state = State.IDLE;
    private CompletableFuture<Frame> opened;
    private int attempt;

    private ChatClient(Builder builder) {
        this.url = builder.url;
        this.userId = builder.userId;
        this.username = builder.username;
        this.token = builder.token;
        this.backoff = builder.backoff;
        this.http = builder.http;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "chat-client");
            thread.setDaemon(true);
            return thread;
        });
        if (builder.room != null) {
            rooms.add(builder.room);
        }
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    public State state() {
        return state;
    }

    /** Listens to every frame of this type, such as {@code chat}, {@code presence} or {@code error}. */
    public ChatClient on(String type, Consumer<Frame> listener) {
        synchronized (listeners) {
            listeners.computeIfAbsent(type, any -> new CopyOnWriteArrayList<>()).add(listener);
        }
        return this;
    }

    public ChatClient onState(Consumer<State> listener) {
        stateListeners.add(listener);
        return this;
    }

    /** Opens the connection: completes with the first room's presence, or fails if the server will not have it. */
    public CompletableFuture<Frame> connect() {
        return call(() -> {
            if (opened == null) {
                opened = new CompletableFuture<>();
                open(State.CONNECTING);
            }
            return opened;
        });
    }

    /** Enters a room, resuming after the last message seen there: completes with its presence. */
    public CompletableFuture<Frame> subscribe(String room) {
        return call(() -> enter(room));
    }

    private CompletableFuture<Frame> enter(String room) {
        rooms.add(room);
        long since = cursor.since(room);
        return request(fields("type", "subscribe", "room", room, "since", since > 0 ? Long.toString(since) : null),
                frame -> "presence".equals(frame.type()) && room.equals(frame.room()), false);
    }

    /** Leaves a room; the server does not answer, so this completes once it is sent. */
    public CompletableFuture<Void> unsubscribe(String room) {
        return call(() -> {
            rooms.remove(room);
            cursor.forget(room);
            write(fields("type", "unsubscribe", "room", room));
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Posts a chat, once however often it must be resent: completes with it as the server numbered it. */
    public CompletableFuture<Frame> send(String room, String content) {
        var nonce = UUID.randomUUID().toString();
        return call(() -> request(fields("type", "chat", "room", room, "content", content, "nonce", nonce),
                frame -> "chat".equals(frame.type()) && nonce.equals(frame.string("nonce")), true));
    }

    /** Edits one of this user's chats, once however often it must be resent. */
    public CompletableFuture<Frame> edit(String room, String id, String content) {
        var nonce = UUID.randomUUID().toString();
        return call(() -> request(fields("type", "edit", "room", room, "id", id, "content", content, "nonce", nonce),
                frame -> "edit".equals(frame.type()) && nonce.equals(frame.string("nonce")), true));
    }

    /** Deletes a chat: completes with the deletion. */
    public CompletableFuture<Frame> delete(String room, String id) {
        return change(fields("type", "delete", "room", room, "id", id), "delete", frame -> true);
    }

    public CompletableFuture<Frame> react(String room, String id, String emoji) {
        return change(fields("type", "react", "room", room, "id", id, "emoji", emoji), "reaction",
                frame -> "add".equals(frame.string("op")) && emoji.equals(frame.string("emoji")));
    }

    public CompletableFuture<Frame> unreact(String room, String id, String emoji) {
        return change(fields("type", "unreact", "room", room, "id", id, "emoji", emoji), "reaction",
                frame -> "remove".equals(frame.string("op")) && emoji.equals(frame.string("emoji")));
    }

    /** Sends a direct message: completes with it as the server stamped it. */
    public CompletableFuture<Frame> direct(String to, String content) {
        return call(() -> request(fields("type", "direct", "to", to, "content", content),
                frame -> "direct".equals(frame.type()) && to.equals(frame.string("to")) && mine(frame)
                        && content.equals(frame.string("content")), false));
    }

    /** Marks the room read up to the message; not answered. */
    public void read(String room, String id) {
        loop.execute(() -> write(fields("type", "read", "room", room, "id", id)));
    }

    /** Tells the room this user is typing; not answered. */
    public void typing(String room) {
        loop.execute(() -> write(fields("type", "typing", "room", room)));
    }

    /** Closes the connection for good; whatever is not answered yet fails. Safe from a listener too. */
    @Override
    public void close() {
        call(() -> {
            setState(State.CLOSED);
            requests.fail(true, "the client was closed");
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            }
            loop.shutdown();
            return CompletableFuture.completedFuture(null);
        });
    }

    private CompletableFuture<Frame> change(Map<String, String> message, String answerType, Predicate<Frame> more) {
        return call(() -> request(message, frame -> answerType.equals(frame.type())
                && message.get("id").equals(frame.string("target")) && mine(frame) && more.test(frame), false));
    }

    private boolean mine(Frame frame) {
        return userId == null || userId.equals(frame.string("userId"));
    }

    private CompletableFuture<Frame> request(Map<String, String> message, Predicate<Frame> answers, boolean resend) {
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(new ChatException("closed", "not connected (" + state + ")"));
        }
        var text = Json.object(message);
        var answer = requests.add(answers, resend ? text : null);
        write(text);
        return answer;
    }

    private void write(Map<String, String> message) {
        write(Json.object(message));
    }

    private void write(String text) {
        if (socket != null) {
            socket.sendText(text, true);
        }
    }

    private void open(State opening) {
        setState(opening);
        String credential;
        try {
            credential = token == null ? null : token.get();
        } catch (RuntimeException e) {
            retryOrStop(1006, "no token: " + e.getMessage());
            return;
        }
        var listener = new SocketListener(loop, this::opened, this::received, this::closed);
        http.newWebSocketBuilder().buildAsync(address(credential), listener).whenComplete((opened, failure) -> {
            if (failure != null) {
                loop.execute(() -> retryOrStop(1006, failure.getMessage()));
            }
        });
    }

    /** The first room, resumed after the last message seen in it; the other rooms follow once connected. */
    private URI address(String credential) {
        var query = new LinkedHashMap<String, String>();
        if (credential != null) {
            query.put("token", credential);
        } else {
            query.put("userId", userId);
            query.put("username", username);
        }
        rooms.stream().findFirst().ifPresent(first -> {
            query.put("room", first);
            if (cursor.since(first) > 0) {
                query.put("since", Long.toString(cursor.since(first)));
            }
        });
        var joined = new StringBuilder();
        query.forEach((name, value) -> {
            if (value != null) {
                joined.append(joined.length() == 0 ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return URI.create(url + (url.getQuery() == null ? "?" : "&") + joined);
    }

    /** Before any text it receives, so that its frames find it in place. */
    private void opened(WebSocket webSocket) {
        if (state == State.CLOSED) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        } else {
            socket = webSocket;
        }
    }

    private void received(WebSocket from, String text) {
        if (from != socket) {
            return;
        }
        Frame frame;
        try {
            frame = Frame.parse(text);
        } catch (IllegalArgumentException notAFrame) {
            return;
        }
        if (frame.room() != null && frame.id() != null && !"read".equals(frame.type())
                && !cursor.advance(frame.room(), frame.id())) {
            // A resend's answer is the original, which a resume may have handed on already without its nonce.
            if (frame.string("nonce") != null) {
                requests.answer(frame);
            }
            return;
        }
        if (state != State.OPEN && "presence".equals(frame.type())) {
            becameOpen(frame);
        } else if ("expiring".equals(frame.type()) && token != null) {
            write(fields("type", "refresh", "token", token.get()));
        }
        requests.answer(frame);
        List<Consumer<Frame>> handlers;
        synchronized (listeners) {
            handlers = listeners.getOrDefault(frame.type(), List.of());
        }
        handlers.forEach(handler -> handler.accept(frame));
    }

    /** Back in the first room: the others are entered again, then what was not answered is sent again. */
    private void becameOpen(Frame presence) {
        attempt = 0;
        setState(State.OPEN);
        for (var room : List.copyOf(rooms)) {
            if (!room.equals(presence.room())) {
                enter(room);
            }
        }
        requests.resends().forEach(this::write);
        if (opened != null) {
            opened.complete(presence);
        }
    }

    private void closed(WebSocket which, int code, String reason) {
        if (which != socket && socket != null) {
            return;
        }
        socket = null;
        retryOrStop(code, reason);
    }

    private void retryOrStop(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        boolean retry = RETRY_CODES.contains(code) || code == TOKEN_EXPIRED && token != null;
        if (!retry) {
            setState(State.CLOSED);
            requests.fail(true, "closed with " + code + ": " + reason);
            if (opened != null) {
                opened.completeExceptionally(new ChatException("closed", "closed with " + code + ": " + reason));
            }
            return;
        }
        requests.fail(false, "connection closed (" + code + ")");
        var wait = backoff.wait(attempt++);
        setState(State.RECONNECTING);
        loop.schedule(() -> {
            if (state != State.CLOSED) {
                open(State.RECONNECTING);
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void setState(State next) {
        if (state != next) {
            state = next;
            stateListeners.forEach(listener -> listener.accept(next));
        }
    }

    /** Runs on the client's thread and hands back what the work returns. */
    private <T> CompletableFuture<T> call(Supplier<CompletionStage<T>> work) {
        var result = new CompletableFuture<T>();
        try {
            loop.execute(() -> {
                try {
                    work.get().whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            result.completeExceptionally(new ChatException("closed", "the client was closed"));
        }
        return result;
    }

    private static Map<String, String> fields(String... namesAndValues) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** How the client is made: where it connects, as whom, where first, and how it waits between tries. */
    public static final class Builder {

        private final URI url;
        private String userId;
        private String username;
        private Supplier<String> token;
        private String room;
        private Backoff backoff = Backoff.DEFAULT;
        private HttpClient http = HttpClient.newHttpClient();

        private Builder(URI url) {
            this.url = url;
        }

        /** Who to be where the server does not verify identities. */
        public Builder user(String id, String name) {
            this.userId = id;
            this.username = name;
            return this;
        }

        /** A token, asked for before every connect and whenever the server says it is expiring. */
        public Builder token(Supplier<String> supplier) {
            this.token = supplier;
            return this;
        }

        /** The first room; the server's {@code global} if none. */
        public Builder room(String first) {
            this.room = first;
            return this;
        }

        /** Waits between reconnects: from nothing up to {@code base * 2^attempt}, at most {@code cap}. */
        public Builder backoff(Duration base, Duration cap) {
            this.backoff = new Backoff(base, cap, Math::random);
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        public ChatClient build() {
            return new ChatClient(this);
        }
    }
}
