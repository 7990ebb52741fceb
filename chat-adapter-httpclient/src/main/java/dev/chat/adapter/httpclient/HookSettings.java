package dev.chat.adapter.httpclient;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which hooks the product's backend answers, and how.
 *
 * @param connect        called before a connection opens; empty for no connect hook
 * @param subscribe      called before a member enters a room
 * @param publish        called before a chat, edit or direct message is posted
 * @param timeout        the longest one call may take, answer read included
 * @param failure        what a hook that times out, fails or answers nonsense means
 * @param forwardHeaders the connection request's headers the connect hook is given, such as {@code Cookie}
 */
public record HookSettings(Optional<URI> connect, Optional<URI> subscribe, Optional<URI> publish, Duration timeout,
        OnFailure failure, List<String> forwardHeaders) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    /** What a failed call means: the request is refused, or carried out as if there were no hook. */
    public enum OnFailure { DENY, ALLOW }

    public HookSettings {
        requireNonNull(connect, "connect");
        requireNonNull(subscribe, "subscribe");
        requireNonNull(publish, "publish");
        requireNonNull(timeout, "timeout");
        requireNonNull(failure, "failure");
        forwardHeaders = List.copyOf(forwardHeaders);
    }

    /** Whether any hook is set at all. */
    public boolean any() {
        return connect.isPresent() || subscribe.isPresent() || publish.isPresent();
    }
}
