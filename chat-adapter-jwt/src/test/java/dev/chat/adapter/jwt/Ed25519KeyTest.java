package dev.chat.adapter.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.domain.Checked;
import dev.chat.domain.ErrorCode;
import dev.chat.domain.Identity;
import dev.chat.domain.port.needed.Authenticated;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A PEM Ed25519 public key verifies EdDSA tokens with the JDK's EdDSA, and nothing else. */
class Ed25519KeyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final KeyPair keys = generate("Ed25519");
    private final JwtAuthenticator verifier = new JwtAuthenticator(new JwtSettings(
            new JwtSettings.Keys.PublicKeyPem(pem(keys)), "name", "chat_operator", "rooms", Optional.empty(),
            Optional.empty(), Duration.ofSeconds(30)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_token_signed_with_the_private_key_as_eddsa_or_ed25519_is_accepted() throws Exception {
        for (var algorithm : new JWSAlgorithm[] {JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519}) {
            var checked = verifier.authenticate(sign(new JdkEd25519Signer(keys.getPrivate()), algorithm));

            var authenticated = assertInstanceOf(Checked.Accepted.class, checked, checked.toString());
            assertEquals(new Identity("alice", "Alice"), ((Authenticated) authenticated.value()).identity());
        }
    }

    @Test
    void another_keys_signature_an_hmac_token_or_a_tampered_one_is_refused() throws Exception {
        var stranger = sign(new JdkEd25519Signer(generate("Ed25519").getPrivate()), JWSAlgorithm.EdDSA);
        var hmac = sign(new MACSigner("a-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8)),
                JWSAlgorithm.HS256);
        var genuine = sign(new JdkEd25519Signer(keys.getPrivate()), JWSAlgorithm.EdDSA).split("\\.");
        var tampered = genuine[0] + "." + Base64URL.encode("{\"sub\":\"mallory\",\"exp\":1900000000}") + "."
                + genuine[2];

        for (var token : new String[] {stranger, hmac, tampered}) {
            var rejected = assertInstanceOf(Checked.Rejected.class, verifier.authenticate(token));
            assertEquals(ErrorCode.TOKEN_INVALID, rejected.rejection().code(), token);
        }
    }

    @Test
    void an_ed448_key_is_refused_when_it_is_read() {
        var ed448 = new JwtSettings.Keys.PublicKeyPem(pem(generate("Ed448")));

        var refused = assertThrows(IllegalArgumentException.class, () -> new JwtAuthenticator(new JwtSettings(ed448,
                "name", "chat_operator", "rooms", Optional.empty(), Optional.empty(), Duration.ofSeconds(30))));

        assertEquals("the public key is not RSA, EC on P-256, P-384 or P-521, or Ed25519", refused.getMessage());
    }

    @Test
    void the_verifier_takes_only_ed25519_algorithms_and_a_garbled_signature_is_false() throws Exception {
        var ed25519 = new Ed25519Verifier((EdECPublicKey) keys.getPublic());
        var factory = new VerifierFactory();

        assertThrows(JOSEException.class, () -> ed25519.verify(new JWSHeader(JWSAlgorithm.RS256), new byte[1],
                Base64URL.encode(new byte[64])));
        assertEquals(false, ed25519.verify(new JWSHeader(JWSAlgorithm.EdDSA), new byte[1],
                Base64URL.encode(new byte[3])));
        assertEquals(Ed25519Verifier.ALGORITHMS, ed25519.supportedJWSAlgorithms());
        assertTrue(factory.supportedJWSAlgorithms().containsAll(Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.RS256,
                JWSAlgorithm.HS256)));
        assertInstanceOf(Ed25519Verifier.class, factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.EdDSA),
                keys.getPublic()));
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm) throws JOSEException {
        var claims = new JWTClaimsSet.Builder().subject("alice").claim("name", "Alice")
                .expirationTime(Date.from(NOW.plusSeconds(600))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** What an application's backend signs with; Nimbus's own Ed25519 signer needs Tink. */
    private record JdkEd25519Signer(PrivateKey key) implements JWSSigner {

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                var signer = Signature.getInstance("Ed25519");
                signer.initSign(key);
                signer.update(signingInput);
                return Base64URL.encode(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Ed25519Verifier.ALGORITHMS;
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }
}
