package dev.chat.app;

import dev.chat.adapter.jwt.JwtSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads how tokens are verified, if they are: {@code AUTH_SECRET} (an HMAC secret; set alone it means HS256, as in
 * the original server's later version), {@code AUTH_PUBLIC_KEY_FILE} (a PEM public key) or {@code AUTH_JWKS_URL}.
 * At most one of them; none leaves identities unverified, as the original protocol has it.
 */
final class AuthConfig {

    static final String OFF = "off";
    static final String DEFAULT_ALGORITHM = "HS256";
    static final String DEFAULT_NAME_CLAIM = "name";
    static final String DEFAULT_OPERATOR_CLAIM = "chat_operator";
    static final String DEFAULT_ROOMS_CLAIM = "rooms";
    static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofSeconds(60);
    static final Duration DEFAULT_JWKS_CACHE = Duration.ofMinutes(5);
    static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = orderedDefaults();
    private static final Map<String, Integer> HMAC_SECRET_BYTES = Map.of("HS256", 32, "HS384", 48, "HS512", 64);
    private static final Set<String> KEY_SOURCES = Set.of("AUTH_SECRET", "AUTH_PUBLIC_KEY_FILE", "AUTH_JWKS_URL");

    private AuthConfig() {}

    private static Map<String, String> orderedDefaults() {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("AUTH_SECRET", "");
        defaults.put("AUTH_ALGORITHM", DEFAULT_ALGORITHM);
        defaults.put("AUTH_PREVIOUS_SECRET", "");
        defaults.put("AUTH_PREVIOUS_SECRET_UNTIL", "");
        defaults.put("AUTH_PUBLIC_KEY_FILE", "");
        defaults.put("AUTH_JWKS_URL", "");
        defaults.put("AUTH_JWKS_CACHE", Environment.text(DEFAULT_JWKS_CACHE));
        defaults.put("AUTH_NAME_CLAIM", DEFAULT_NAME_CLAIM);
        defaults.put("AUTH_OPERATOR_CLAIM", DEFAULT_OPERATOR_CLAIM);
        defaults.put("AUTH_ROOMS_CLAIM", DEFAULT_ROOMS_CLAIM);
        defaults.put("AUTH_EXPIRY_WARNING", Environment.text(DEFAULT_EXPIRY_WARNING));
        defaults.put("AUTH_AUDIENCE", "");
        defaults.put("AUTH_ISSUER", "");
        defaults.put("AUTH_CLOCK_SKEW", Environment.text(DEFAULT_CLOCK_SKEW));
        return Collections.unmodifiableMap(defaults);
    }

    /** How long before a token runs out its connection is told to refresh it; read only where tokens are verified. */
    static Duration expiryWarning(Environment env) throws ConfigException {
        return keySources(env).isEmpty() ? DEFAULT_EXPIRY_WARNING
                : env.duration("AUTH_EXPIRY_WARNING", DEFAULT_EXPIRY_WARNING);
    }

    private static List<String> keySources(Environment env) {
        return KEY_SOURCES.stream().filter(name -> env.secretOrText(name).isPresent()).sorted().toList();
    }

    static Optional<JwtSettings> read(Environment env) throws ConfigException {
        var given = keySources(env);
        if (given.size() > 1) {
            throw new ConfigException("set one of AUTH_SECRET, AUTH_PUBLIC_KEY_FILE and AUTH_JWKS_URL, not "
                    + String.join(" and ", given));
        }
        if (given.isEmpty()) {
            env.note("AUTH", OFF);
            return Optional.empty();
        }
        var keys = keys(env, given.getFirst());
        return Optional.of(new JwtSettings(keys,
                env.text("AUTH_NAME_CLAIM", DEFAULT_NAME_CLAIM),
                env.text("AUTH_OPERATOR_CLAIM", DEFAULT_OPERATOR_CLAIM),
                env.text("AUTH_ROOMS_CLAIM", DEFAULT_ROOMS_CLAIM),
                env.optionalText("AUTH_AUDIENCE"),
                env.optionalText("AUTH_ISSUER"),
                env.duration("AUTH_CLOCK_SKEW", DEFAULT_CLOCK_SKEW)));
    }

    private static JwtSettings.Keys keys(Environment env, String source) throws ConfigException {
        return switch (source) {
            case "AUTH_SECRET" -> hmac(env);
            case "AUTH_PUBLIC_KEY_FILE" -> {
                var file = env.secretOrText(source).orElseThrow();
                env.note("AUTH", "public key " + file);
                yield new JwtSettings.Keys.PublicKeyPem(read(file));
            }
            default -> {
                var url = env.secretOrText(source).orElseThrow();
                env.note("AUTH", "JWKS " + url);
                yield new JwtSettings.Keys.JwksUrl(URI.create(url),
                        env.duration("AUTH_JWKS_CACHE", DEFAULT_JWKS_CACHE));
            }
        };
    }

    private static JwtSettings.Keys hmac(Environment env) throws ConfigException {
        var algorithm = env.choice("AUTH_ALGORITHM", DEFAULT_ALGORITHM, HMAC_SECRET_BYTES.keySet());
        var secret = secret(env, "AUTH_SECRET", algorithm).orElseThrow();
        var previous = secret(env, "AUTH_PREVIOUS_SECRET", algorithm);
        var until = env.instant("AUTH_PREVIOUS_SECRET_UNTIL");
        if (previous.isPresent() != until.isPresent()) {
            throw new ConfigException("AUTH_PREVIOUS_SECRET and AUTH_PREVIOUS_SECRET_UNTIL go together: the old "
                    + "secret is accepted until that instant");
        }
        env.note("AUTH", algorithm + (previous.isPresent() ? " (and the previous secret)" : ""));
        return new JwtSettings.Keys.Hmac(algorithm, secret, previous, until.orElse(Instant.EPOCH));
    }

    private static Optional<byte[]> secret(Environment env, String name, String algorithm) throws ConfigException {
        var text = env.secretOrText(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var bytes = text.get().getBytes(StandardCharsets.UTF_8);
        int needed = HMAC_SECRET_BYTES.get(algorithm);
        if (bytes.length < needed) {
            throw env.invalid(name, "at least " + needed + " bytes for " + algorithm + ", not " + bytes.length);
        }
        return Optional.of(bytes);
    }

    private static String read(String file) throws ConfigException {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new ConfigException("AUTH_PUBLIC_KEY_FILE: cannot read " + file + ": " + e.getMessage());
        }
    }
}
