package dev.chat.adapter.httpclient;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.Request;
import dev.chat.domain.port.needed.Admissions;
import dev.chat.domain.port.needed.Approvals;
import dev.chat.domain.protocol.ClientMessage;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hooks that decide, as the product's backend answers them over HTTP: each is a POST of a JSON object, answered
 * with {@code {"allow":true,...}} or {@code {"allow":false,"reason":".."}}. A hook that is not set approves everything
 * as it is. One that times out, fails, redirects or answers nonsense counts as {@link HookSettings#failure()} says:
 * refused with {@code hook_unavailable}, or carried out as if there were no hook. The answers:
 * <ul>
 *   <li>connect: {@code "userId"} and {@code "username"} to say who the client is, {@code "rooms"} the private rooms
 *       it may use, {@code "expiresAt"} when its connection ends; all optional</li>
 *   <li>subscribe: nothing but the verdict</li>
 *   <li>publish: {@code "content"} to post instead of what was sent</li>
 * </ul>
 */
public final class HttpHooks implements Admissions, Approvals {

    private static final System.Logger LOG = System.getLogger(HttpHooks.class.getName());

    record ConnectBody(String userId, String username, String room, String address, Map<String, String> headers) {}

    record SubscribeBody(String userId, String username, String room) {}

    record PublishBody(String type, String userId, String username, String room, String to, String content) {}

    private final HookSettings settings;
    private final JsonCall call;
    private final AtomicLong failures = new AtomicLong();

    public HttpHooks(HookSettings settings) {
        this.settings = settings;
        this.call = new JsonCall(JsonCall.client(settings.timeout()));
    }

    @Override
    public Checked<Admitted> decide(Attempt attempt) {
        if (settings.connect().isEmpty()) {
            return Checked.accepted(Admitted.AS_CLAIMED);
        }
        var claimed = attempt.claimed();
        var body = new ConnectBody(claimed.map(Identity::userId).orElse(null),
                claimed.map(Identity::username).orElse(null), attempt.room(), attempt.address(),
                forwarded(attempt.headers()));
        return ask("connect", settings.connect().get(), body, Admitted.AS_CLAIMED, HttpHooks::admitted);
    }

    @Override
    public Checked<Request> approve(Identity who, Request request) {
        return switch (request) {
            case Request.Subscribe subscribe when settings.subscribe().isPresent() -> ask("subscribe",
                    settings.subscribe().get(), new SubscribeBody(who.userId(), who.username(), subscribe.room()),
                    request, answer -> Optional.of(request));
            case Request.Chat chat when settings.publish().isPresent() -> publish(who, request, "chat", chat.room(),
                    null, chat.content());
            case Request.Edit edit when settings.publish().isPresent() -> publish(who, request, "edit", edit.room(),
                    null, edit.content());
            case Request.Direct direct when settings.publish().isPresent() -> publish(who, request, "direct", null,
                    direct.to(), direct.content());
            default -> Checked.accepted(request);
        };
    }

    private Checked<Request> publish(Identity who, Request request, String type, String room, String to,
            String content) {
        var body = new PublishBody(type, who.userId(), who.username(), room, to, content);
        return ask("publish", settings.publish().get(), body, request, answer -> rewritten(request, answer));
    }

    /**
     * The backend's verdict: its refusal, what {@code allowed} makes of its yes, or, for an answer that is neither or
     * that {@code allowed} cannot read, the failure policy's.
     */
    private <T> Checked<T> ask(String hook, URI url, Object body, T otherwise,
            java.util.function.Function<JsonNode, Optional<T>> allowed) {
        return switch (call.post(url, body, settings.timeout(), Map.of())) {
            case JsonCall.Outcome.Failed(var why) -> failed(hook, why, otherwise);
            case JsonCall.Outcome.Answered(var answer) when answer.path("allow").isBoolean()
                    && !answer.path("allow").asBoolean() -> Checked.rejected(ErrorCode.HOOK_REFUSED,
                    answer.path("reason").isTextual() ? answer.path("reason").asText() : "refused by the " + hook + " hook");
            case JsonCall.Outcome.Answered(var answer) when answer.path("allow").asBoolean(false) -> allowed.apply(answer)
                    .map(Checked::accepted).orElseGet(() -> failed(hook, "answered fields it may not", otherwise));
            case JsonCall.Outcome.Answered(var answer) -> failed(hook, "answered no \"allow\"", otherwise);
        };
    }

    private <T> Checked<T> failed(String hook, String why, T otherwise) {
        long count = failures.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.log(Level.WARNING, "the " + hook + " hook failed (" + why + "); " + count + " failure"
                    + (count == 1 ? "" : "s") + " of any hook so far; HOOK_FAILURE=" + settings.failure()
                    .name().toLowerCase(Locale.ROOT));
        }
        return switch (settings.failure()) {
            case ALLOW -> Checked.accepted(otherwise);
            case DENY -> Checked.rejected(ErrorCode.HOOK_UNAVAILABLE, "the server could not check this with the "
                    + "app's backend; try again");
        };
    }

    private Map<String, String> forwarded(Map<String, String> headers) {
        var byName = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        var picked = new TreeMap<String, String>();
        settings.forwardHeaders().forEach(name -> {
            if (byName.containsKey(name)) {
                picked.put(name, byName.get(name));
            }
        });
        return picked;
    }

    /** Who the backend says the client is, if it says, and what it may; empty if the answer does not hold up. */
    private static Optional<Admitted> admitted(JsonNode answer) {
        Optional<Identity> identity = Optional.empty();
        if (answer.hasNonNull("userId") || answer.hasNonNull("username")) {
            var checked = Identity.check(answer.path("userId").asText(""), answer.path("username").asText(""),
                    () -> "");
            if (!(checked instanceof Checked.Accepted<Identity>(var who)) || who.userId().isEmpty()) {
                return Optional.empty();
            }
            identity = Optional.of(who);
        }
        var rooms = new ArrayList<String>();
        for (var room : answer.path("rooms")) {
            if (!room.isTextual()) {
                return Optional.empty();
            }
            rooms.add(room.asText());
        }
        try {
            var expires = answer.hasNonNull("expiresAt")
                    ? Optional.of(Instant.parse(answer.path("expiresAt").asText())) : Optional.<Instant>empty();
            return Optional.of(new Admitted(identity, rooms, expires));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The request with the content the backend chose, if it chose one a client could have sent. */
    private static Optional<Request> rewritten(Request request, JsonNode answer) {
        if (!answer.has("content")) {
            return Optional.of(request);
        }
        if (!answer.path("content").isTextual()
                || !(ClientMessage.checkContent(answer.path("content").asText()) instanceof Checked.Accepted<String>)) {
            return Optional.empty();
        }
        var content = answer.path("content").asText();
        return Optional.of(switch (request) {
            case Request.Chat chat -> new Request.Chat(chat.room(), content, chat.nonce());
            case Request.Edit edit -> new Request.Edit(edit.room(), edit.target(), content, edit.nonce());
            case Request.Direct direct -> new Request.Direct(direct.to(), content);
            default -> request;
        });
    }
}
