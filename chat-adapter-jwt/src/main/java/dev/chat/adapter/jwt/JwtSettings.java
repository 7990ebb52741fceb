package dev.chat.adapter.jwt;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How tokens are verified: one source of keys, and the claims a token must carry.
 *
 * @param keys      where the keys that sign tokens come from
 * @param nameClaim the claim holding the display name; a token without it is named by its {@code sub}
 * @param operatorClaim a claim that, when {@code true}, makes the token an operator's
 * @param roomsClaim a claim listing the private rooms the token grants, as names or {@code prefix*} patterns
 * @param audience  when present, a token's {@code aud} must include it
 * @param issuer    when present, a token's {@code iss} must be it
 * @param clockSkew how far {@code exp} and {@code nbf} may be off, for clocks that disagree a little
 */
public record JwtSettings(Keys keys, String nameClaim, String operatorClaim, String roomsClaim, Optional<String> audience,
        Optional<String> issuer, Duration clockSkew) {

    public JwtSettings {
        requireNonNull(keys, "keys");
        requireNonNull(nameClaim, "nameClaim");
        requireNonNull(operatorClaim, "operatorClaim");
        requireNonNull(roomsClaim, "roomsClaim");
        requireNonNull(audience, "audience");
        requireNonNull(issuer, "issuer");
        requireNonNull(clockSkew, "clockSkew");
    }

    /** Where the verification keys come from. */
    public sealed interface Keys {

        /**
         * Shared secrets, for HS256, HS384 or HS512.
         *
         * @param previous a secret being rotated out, accepted too until {@code previousUntil}
         */
        record Hmac(String algorithm, byte[] secret, Optional<byte[]> previous, Instant previousUntil)
                implements Keys {}

        /** One public key in PEM form: RSA (RS256-512, PS256-512) or EC (ES256, ES384, ES512). */
        record PublicKeyPem(String pem) implements Keys {}

        /** A JWK set fetched from a URL, kept for {@code cacheFor}; a token whose {@code kid} is new fetches again. */
        record JwksUrl(URI url, Duration cacheFor) implements Keys {}
    }
}
