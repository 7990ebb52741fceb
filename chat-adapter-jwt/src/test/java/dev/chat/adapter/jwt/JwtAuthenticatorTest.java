package dev.chat.adapter.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.RoomPatterns;
import dev.chat.domain.port.needed.Authenticated;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OLD_SECRET = "the-secret-being-rotated-out-of-service".getBytes(StandardCharsets.UTF_8);

    private final JwtAuthenticator hmac = authenticator(hmacKeys(Optional.empty(), NOW));

    @Test
    void a_token_signed_with_the_secret_says_who_the_connection_is_and_until_when() throws Exception {
        var token = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().claim("name", "Alice").build(), null);

        var authenticated = accepted(hmac.authenticate(token));

        assertEquals(new Identity("alice", "Alice"), authenticated.identity());
        assertEquals(NOW.plusSeconds(600), authenticated.expires());
    }

    @Test
    void only_a_token_whose_operator_claim_is_true_is_an_operators() throws Exception {
        var operator = claims().claim("chat_operator", true).build();
        var claimedAsText = claims().claim("chat_operator", "true").build();

        assertEquals(true, accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, operator,
                null))).operator());
        assertEquals(false, accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claimedAsText,
                null))).operator());
        assertEquals(false, accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256,
                claims().build(), null))).operator());
    }

    @Test
    void the_rooms_claim_lists_the_private_rooms_a_token_grants_and_an_operator_is_granted_every_room()
            throws Exception {
        var granted = claims().claim("rooms", List.of("team-red", "support-*")).build();

        var rooms = accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, granted, null)))
                .grantedRooms();

        assertEquals(new RoomPatterns(List.of("team-red", "support-*")), rooms);
        assertEquals(RoomPatterns.NONE, accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256,
                claims().build(), null))).grantedRooms());
        assertEquals(RoomPatterns.EVERY_ROOM, accepted(hmac.authenticate(sign(new MACSigner(SECRET),
                JWSAlgorithm.HS256, claims().claim("chat_operator", true).build(), null))).grantedRooms());
    }

    @Test
    void a_rooms_claim_that_is_not_a_list_of_room_patterns_refuses_the_token() throws Exception {
        for (Object claim : List.<Object>of("team-red", List.of(7), List.of("no spaces allowed"), List.of("a*b*"))) {
            var token = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().claim("rooms", claim).build(), null);

            rejected(ErrorCode.TOKEN_REJECTED, hmac.authenticate(token));
        }
    }

    @Test
    void a_token_without_the_name_claim_is_named_by_its_subject() throws Exception {
        var token = sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims().build(), null);

        assertEquals(new Identity("alice", "alice"), accepted(hmac.authenticate(token)).identity());
    }

    @Test
    void no_token_is_refused_as_missing() {
        rejected(ErrorCode.TOKEN_MISSING, hmac.authenticate(null));
        rejected(ErrorCode.TOKEN_MISSING, hmac.authenticate(" "));
    }

    @Test
    void an_unsigned_token_a_foreign_signature_and_garbage_are_refused_as_invalid() throws Exception {
        rejected(ErrorCode.TOKEN_INVALID, hmac.authenticate(new PlainJWT(claims().build()).serialize()));
        var otherSecret = "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        rejected(ErrorCode.TOKEN_INVALID, hmac.authenticate(
                sign(new MACSigner(otherSecret), JWSAlgorithm.HS256, claims().build(), null)));
        rejected(ErrorCode.TOKEN_INVALID, hmac.authenticate("not.a.token"));
    }

    @Test
    void only_the_configured_hmac_algorithm_is_accepted() throws Exception {
        var hs512Secret = new byte[64];
        System.arraycopy(SECRET, 0, hs512Secret, 0, SECRET.length);
        var hs256Only = authenticator(new JwtSettings.Keys.Hmac("HS256", hs512Secret, Optional.empty(), NOW));

        rejected(ErrorCode.TOKEN_INVALID, hs256Only.authenticate(
                sign(new MACSigner(hs512Secret), JWSAlgorithm.HS512, claims().build(), null)));
    }

    @Test
    void an_expired_token_is_refused_but_a_little_clock_skew_is_forgiven() throws Exception {
        var expired = claims().expirationTime(Date.from(NOW.minusSeconds(60))).build();
        var justExpired = claims().expirationTime(Date.from(NOW.minusSeconds(10))).build();

        rejected(ErrorCode.TOKEN_EXPIRED, hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, expired,
                null)));
        accepted(hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, justExpired, null)));
    }

    @Test
    void a_token_not_valid_yet_is_refused() throws Exception {
        var early = claims().notBeforeTime(Date.from(NOW.plusSeconds(300))).build();

        rejected(ErrorCode.TOKEN_NOT_YET_VALID, hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256,
                early, null)));
    }

    @Test
    void a_token_without_an_expiry_or_a_subject_is_refused() throws Exception {
        var forever = new JWTClaimsSet.Builder().subject("alice").build();
        var nobody = new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(60))).build();

        rejected(ErrorCode.TOKEN_REJECTED, hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, forever,
                null)));
        rejected(ErrorCode.TOKEN_REJECTED, hmac.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, nobody,
                null)));
    }

    @Test
    void audience_and_issuer_are_checked_when_configured() throws Exception {
        var strict = new JwtAuthenticator(new JwtSettings(hmacKeys(Optional.empty(), NOW), "name", "chat_operator",
                "rooms", Optional.of("chat"), Optional.of("https://auth.example.com"), Duration.ofSeconds(30)), CLOCK);
        var right = claims().audience("chat").issuer("https://auth.example.com").build();
        var wrongAudience = claims().audience("billing").issuer("https://auth.example.com").build();
        var wrongIssuer = claims().audience("chat").issuer("https://evil.example.com").build();

        accepted(strict.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256, right, null)));
        rejected(ErrorCode.TOKEN_REJECTED, strict.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256,
                wrongAudience, null)));
        rejected(ErrorCode.TOKEN_REJECTED, strict.authenticate(sign(new MACSigner(SECRET), JWSAlgorithm.HS256,
                wrongIssuer, null)));
    }

    @Test
    void the_previous_secret_is_accepted_until_its_time_runs_out() throws Exception {
        var oldToken = sign(new MACSigner(OLD_SECRET), JWSAlgorithm.HS256, claims().build(), null);

        accepted(authenticator(hmacKeys(Optional.of(OLD_SECRET), NOW.plusSeconds(1))).authenticate(oldToken));
        rejected(ErrorCode.TOKEN_INVALID, authenticator(hmacKeys(Optional.of(OLD_SECRET), NOW)).authenticate(oldToken));
    }

    @Test
    void an_rsa_public_key_accepts_rs256_and_refuses_an_hs256_token_made_with_the_key_as_secret() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        var pem = pem(rsa.toPublicKey());
        var verifier = authenticator(new JwtSettings.Keys.PublicKeyPem(pem));

        accepted(verifier.authenticate(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, claims().build(), null)));
        var confused = sign(new MACSigner(pem.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, claims().build(),
                null);
        rejected(ErrorCode.TOKEN_INVALID, verifier.authenticate(confused));
    }

    @Test
    void an_ec_public_key_accepts_es256() throws Exception {
        var ec = new ECKeyGenerator(Curve.P_256).generate();
        var verifier = authenticator(new JwtSettings.Keys.PublicKeyPem(pem(ec.toPublicKey())));

        accepted(verifier.authenticate(sign(new ECDSASigner(ec), JWSAlgorithm.ES256, claims().build(), null)));
    }

    @Test
    void a_private_key_is_refused_when_the_server_starts() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        var privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";

        assertThrows(IllegalArgumentException.class,
                () -> authenticator(new JwtSettings.Keys.PublicKeyPem(privatePem + pem(rsa.toPublicKey()))));
    }

    @Test
    void a_jwks_url_serves_the_keys_and_a_new_kid_is_fetched_when_keys_rotate() throws Exception {
        var first = new RSAKeyGenerator(2048).keyID("k1").generate();
        var second = new ECKeyGenerator(Curve.P_256).keyID("k2").generate();
        var published = new AtomicReference<>(new JWKSet(first).toPublicJWKSet().toString());
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            var body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
            var verifier = authenticator(new JwtSettings.Keys.JwksUrl(url, Duration.ofMinutes(5)));

            accepted(verifier.authenticate(sign(new RSASSASigner(first), JWSAlgorithm.RS256, claims().build(), "k1")));
            published.set(new JWKSet(List.of(first, second)).toPublicJWKSet().toString());
            accepted(verifier.authenticate(sign(new ECDSASigner(second), JWSAlgorithm.ES256, claims().build(), "k2")));
            var stranger = new RSAKeyGenerator(2048).keyID("k9").generate();
            rejected(ErrorCode.TOKEN_INVALID, verifier.authenticate(
                    sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, claims().build(), "k9")));
        } finally {
            server.stop(0);
        }
    }

    private static JwtAuthenticator authenticator(JwtSettings.Keys keys) {
        return new JwtAuthenticator(new JwtSettings(keys, "name", "chat_operator", "rooms", Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30)), CLOCK);
    }

    private static JwtSettings.Keys.Hmac hmacKeys(Optional<byte[]> previous, Instant previousUntil) {
        return new JwtSettings.Keys.Hmac("HS256", SECRET, previous, previousUntil);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(NOW.plusSeconds(600)));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims, String keyId)
            throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static Authenticated accepted(Checked<Authenticated> checked) {
        return switch (checked) {
            case Checked.Accepted<Authenticated>(var value) -> value;
            case Checked.Rejected<Authenticated>(var rejection) -> fail("refused: " + rejection);
        };
    }

    private static void rejected(ErrorCode expected, Checked<Authenticated> checked) {
        switch (checked) {
            case Checked.Accepted<Authenticated>(var value) -> fail("accepted " + value + ", expected " + expected);
            case Checked.Rejected<Authenticated>(var rejection) -> assertEquals(expected, rejection.code(),
                    rejection.message());
        }
    }
}
