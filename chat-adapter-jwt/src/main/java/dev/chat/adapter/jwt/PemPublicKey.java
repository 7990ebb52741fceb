package dev.chat.adapter.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code -----BEGIN PUBLIC KEY-----} block (X.509 SubjectPublicKeyInfo), read with the JDK's own key factories:
 * Nimbus's PEM reader needs BouncyCastle, a dependency this would be its only use of.
 */
final class PemPublicKey {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private PemPublicKey() {}

    /** An RSA key, an EC key on P-256, P-384 or P-521, or an Ed25519 key. */
    static PublicKey parse(String pem) {
        if (pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("a private key was given; the server needs only the public key");
        }
        var block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
        }
        var spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1)));
        for (var algorithm : ALGORITHMS) {
            try {
                var key = KeyFactory.getInstance(algorithm).generatePublic(spec);
                if (isSupported(key)) {
                    return key;
                }
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the next one may read it
            }
        }
        throw new IllegalArgumentException("the public key is not RSA, EC on P-256, P-384 or P-521, or Ed25519");
    }

    /** The key as Nimbus's key sets hold it; Ed25519 keys are verified apart, by {@link Ed25519Verifier}. */
    static JWK jwk(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            default -> throw new IllegalArgumentException("not an RSA or EC key: " + key.getAlgorithm());
        };
    }

    private static boolean isSupported(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> Curve.forECParameterSpec(ec.getParams()) != null;
            case EdECPublicKey ed -> ed.getParams() instanceof NamedParameterSpec named
                    && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(named.getName());
            default -> true;
        };
    }
}
