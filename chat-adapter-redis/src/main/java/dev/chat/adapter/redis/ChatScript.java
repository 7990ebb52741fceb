package dev.chat.adapter.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The cluster's one Lua script ({@code chat.lua}), run by its digest; a Redis that no longer has it cached (it
 * restarted) is sent the script itself, which caches it again.
 */
final class ChatScript {

    private static final String[] NO_KEYS = {};

    private final RedisAsyncCommands<String, String> redis;
    private final String source;
    private final String digest;

    private ChatScript(RedisAsyncCommands<String, String> redis, String source, String digest) {
        this.redis = redis;
        this.source = source;
        this.digest = digest;
    }

    /** Loads the script into Redis, waiting for it. */
    static ChatScript load(RedisAsyncCommands<String, String> redis) {
        var source = source();
        var digest = redis.getStatefulConnection().sync().scriptLoad(source);
        return new ChatScript(redis, source, digest);
    }

    /** Runs an operation: its name, then the node asking, then the operation's arguments. */
    <T> CompletableFuture<T> run(ScriptOutputType output, String... arguments) {
        return redis.<T>evalsha(digest, output, NO_KEYS, arguments).toCompletableFuture()
                .exceptionallyCompose(failure -> cause(failure) instanceof RedisNoScriptException
                        ? redis.<T>eval(source, output, NO_KEYS, arguments).toCompletableFuture()
                        : CompletableFuture.failedFuture(cause(failure)));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String source() {
        try (InputStream in = ChatScript.class.getResourceAsStream("chat.lua")) {
            if (in == null) {
                throw new IllegalStateException("chat.lua is missing from the Redis adapter's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
