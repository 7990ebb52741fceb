package dev.chat.adapter.javalin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The keys the product's backend presents in {@code X-API-Key} to use the server API: the current one and, while it
 * is being rotated out, the one before. Only their SHA-256 digests are kept, and a presented key is compared digest
 * to digest in constant time, so neither its content nor its length shows in how long a refusal takes.
 */
public final class ApiKeys {

    public static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<byte[]> digests;

    private ApiKeys(List<String> keys) {
        this.digests = keys.stream().map(ApiKeys::digest).toList();
    }

    /** @param previous the key being rotated out, accepted too until it is unset; null or blank for none */
    public static ApiKeys of(String current, String previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException("an API key is not blank");
        }
        return new ApiKeys(previous == null || previous.isBlank() ? List.of(current) : List.of(current, previous));
    }

    boolean configured() {
        return !digests.isEmpty();
    }

    /** Every key is compared, so that which one matched does not show either. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        var digest = digest(presented);
        boolean accepted = false;
        for (var key : digests) {
            accepted |= MessageDigest.isEqual(key, digest);
        }
        return accepted;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
