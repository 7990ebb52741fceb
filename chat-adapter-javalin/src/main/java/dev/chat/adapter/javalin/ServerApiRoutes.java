package dev.chat.adapter.javalin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Nonce;
import dev.chat.domain.Rejection;
import dev.chat.domain.RoomMessage;
import dev.chat.domain.Sanction;
import dev.chat.domain.Text;
import dev.chat.domain.port.offered.ChatOperations;
import dev.chat.domain.protocol.EncodedMessage;
import dev.chat.domain.protocol.WireFormat;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * The server API, through which the product's own backend drives the chat ({@link HttpGuard#serverApi} says who
 * may). Every answer is JSON; every refusal the same error object as elsewhere.
 * <ul>
 *   <li>{@code POST /api/rooms/{room}/messages} {@code {"content":"..","userId":"..","username":".."}}: 201 with the
 *       message: a system message, or with a user that user's chat; an {@code Idempotency-Key} seen within the nonce
 *       window answers with the message it posted, and posts nothing</li>
 *   <li>{@code DELETE /api/rooms/{room}/messages/{id}}: 200 with the deletion</li>
 *   <li>{@code POST /api/users/{userId}/messages} {@code {"content":"..","from":"..","username":".."}}: 201 with the
 *       direct message</li>
 *   <li>{@code POST /api/users/{userId}/disconnect} {@code {"reason":".."}}: 202; every node closes the user's
 *       connections</li>
 *   <li>{@code PUT /api/users/{userId}/ban} or {@code .../mute} {@code {"until":"2026-12-31T00:00:00Z","reason":".."}}:
 *       200 with the sanction; {@code DELETE} of the same path lifts it, 204</li>
 *   <li>{@code GET /api/info}: the nodes, and the chat's counts</li>
 * </ul>
 */
final class ServerApiRoutes {

    /** Past this the hub is taken to be stuck: the caller is told to try again rather than kept waiting. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** A key the backend chooses per post, so that retrying one after a timeout does not post it twice. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private record Post(Optional<Identity> author, Optional<Nonce> nonce) {}

    record Disconnecting(String userId, String reason) {}

    /** A sanction as the server API shows it; {@code until} null for until lifted. */
    record SanctionBody(String userId, String kind, String until, String reason, String at) {

        static SanctionBody of(Sanction sanction) {
            return new SanctionBody(sanction.userId(), sanction.kind().wireName(),
                    sanction.until().map(Instant::toString).orElse(null), sanction.reason(), sanction.at().toString());
        }
    }

    record Info(String node, List<String> nodes, String version, String startedAt, long uptimeSeconds,
            int connections, Map<String, Integer> connectionsByNode, int users, int rooms) {}

    private final ChatOperations hub;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();

    ServerApiRoutes(ChatOperations hub, String version) {
        this.hub = hub;
        this.version = version;
    }

    void postToRoom(Context ctx) {
        var fields = fields(ctx, "content", "userId", "username");
        if (fields == null) {
            return;
        }
        var checked = author(fields.get("userId"), fields.get("username"), "userId")
                .flatMap(author -> Nonce.check(ctx.header(IDEMPOTENCY_KEY)).map(nonce -> new Post(author, nonce)));
        switch (checked) {
            case Checked.Rejected<Post>(var rejection) -> HttpGuard.refuse(ctx, 400, rejection);
            case Checked.Accepted<Post>(var post) -> answer(ctx, 201,
                    hub.post(ctx.pathParam("room"), post.author(), fields.get("content"), post.nonce()),
                    ServerApiRoutes::message);
        }
    }

    void deleteInRoom(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException notAnId) {
            id = 0;
        }
        if (id < 1) {
            HttpGuard.refuse(ctx, 400, new Rejection(ErrorCode.INVALID_ID, "a message id is a whole number from 1"));
            return;
        }
        answer(ctx, 200, hub.delete(ctx.pathParam("room"), id), ServerApiRoutes::message);
    }

    void postToUser(Context ctx) {
        var fields = fields(ctx, "content", "from", "username");
        if (fields == null) {
            return;
        }
        switch (author(fields.get("from"), fields.get("username"), "from")) {
            case Checked.Rejected<Optional<Identity>>(var rejection) -> HttpGuard.refuse(ctx, 400, rejection);
            case Checked.Accepted<Optional<Identity>>(var from) -> answer(ctx, 201,
                    hub.send(ctx.pathParam("userId"), from, fields.get("content")),
                    (answered, direct) -> message(answered, WireFormat.encode(direct)));
        }
    }

    void disconnect(Context ctx) {
        var fields = fields(ctx, "reason");
        if (fields == null) {
            return;
        }
        switch (Sanction.checkReason(fields.getOrDefault("reason", "disconnected by the server"))) {
            case Checked.Rejected<String>(var rejection) -> HttpGuard.refuse(ctx, 400, rejection);
            case Checked.Accepted<String>(var reason) -> {
                var userId = ctx.pathParam("userId");
                hub.disconnect(userId, reason);
                ctx.status(202).json(new Disconnecting(userId, reason));
            }
        }
    }

    void sanction(Context ctx, Sanction.Kind kind) {
        var fields = fields(ctx, "until", "reason");
        if (fields == null) {
            return;
        }
        Optional<Instant> until;
        try {
            until = Optional.ofNullable(fields.get("until")).map(Instant::parse);
        } catch (DateTimeParseException e) {
            HttpGuard.refuse(ctx, 400, new Rejection(ErrorCode.INVALID_PARAMETER,
                    "until must be an instant such as 2026-12-31T00:00:00Z"));
            return;
        }
        answer(ctx, 200, hub.sanction(ctx.pathParam("userId"), kind, until, fields.get("reason")),
                (answered, sanction) -> answered.json(SanctionBody.of(sanction)));
    }

    void lift(Context ctx, Sanction.Kind kind) {
        answer(ctx, 204, hub.lift(ctx.pathParam("userId"), kind), (answered, lifted) -> { });
    }

    void info(Context ctx) {
        var info = hub.info();
        ctx.json(new Info(info.node(), info.nodes(), version, info.started().toString(),
                Duration.between(info.started(), Instant.now()).toSeconds(), info.connections(),
                info.connectionsByNode(), info.users(), info.rooms()));
    }

    /** No user at all, for the server's own voice; or both fields naming one. */
    private static Checked<Optional<Identity>> author(String userId, String username, String idField) {
        if (userId == null && username == null) {
            return Checked.accepted(Optional.empty());
        }
        if (Text.isMissing(userId)) {
            return Checked.rejected(ErrorCode.USER_ID_INVALID, idField + " is required with username");
        }
        return Identity.check(userId, username, () -> userId).map(Optional::of);
    }

    /** The hub's answer, or 503 if it gave none in time. */
    private static <T> void answer(Context ctx, int status, CompletionStage<Checked<T>> outcome,
            BiConsumer<Context, T> body) {
        switch (await(outcome)) {
            case Checked.Accepted<T>(var value) -> body.accept(ctx.status(status), value);
            case Checked.Rejected<T>(var rejection) -> HttpGuard.refuse(ctx, status(rejection.code()), rejection);
        }
    }

    /** A message exactly as members received it. */
    private static void message(Context ctx, RoomMessage message) {
        message(ctx, WireFormat.encode(message));
    }

    private static void message(Context ctx, EncodedMessage encoded) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(encoded.text());
    }

    private static <T> Checked<T> await(CompletionStage<Checked<T>> outcome) {
        try {
            return outcome.toCompletableFuture().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Checked.rejected(ErrorCode.SERVER_BUSY, "the server is shutting down");
        } catch (ExecutionException | TimeoutException e) {
            return Checked.rejected(ErrorCode.SERVER_BUSY, "the hub did not answer in time; try again");
        }
    }

    private static int status(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND, USER_OFFLINE -> 404;
            case SERVER_BUSY, CLUSTER_UNAVAILABLE -> 503;
            default -> 400;
        };
    }

    /**
     * The body's fields by these names, each a string if present (no body is no fields); null once answered 400 for
     * a body that is not a JSON object or a field that is not a string.
     */
    private Map<String, String> fields(Context ctx, String... names) {
        var body = ctx.body();
        JsonNode object;
        try {
            object = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            HttpGuard.refuse(ctx, 400, new Rejection(ErrorCode.INVALID_JSON, "the body must be one JSON object"));
            return null;
        }
        var fields = new HashMap<String, String>();
        for (var name : names) {
            var field = object.get(name);
            if (field != null && !field.isTextual()) {
                HttpGuard.refuse(ctx, 400, new Rejection(ErrorCode.INVALID_JSON, "'" + name + "' must be a string"));
                return null;
            }
            if (field != null) {
                fields.put(name, field.asText());
            }
        }
        return fields;
    }
}
