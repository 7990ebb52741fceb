package dev.chat.adapter.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A {@code -----BEGIN PUBLIC KEY-----} block (X.509 SubjectPublicKeyInfo), read with the JDK's own key factories:
 * Nimbus's PEM reader needs BouncyCastle, a dependency this would be its only use of.
 */
final class PemPublicKey {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private PemPublicKey() {}

    static JWK parse(String pem) {
        if (pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("a private key was given; the server needs only the public key");
        }
        var block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block");
        }
        var spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1)));
        try {
            return new RSAKey.Builder((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec)).build();
        } catch (GeneralSecurityException notRsa) {
            return ec(spec);
        }
    }

    private static JWK ec(X509EncodedKeySpec spec) {
        try {
            var key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
            return new ECKey.Builder(Curve.forECParameterSpec(key.getParams()), key).build();
        } catch (GeneralSecurityException | NullPointerException e) {
            throw new IllegalArgumentException("the public key is neither RSA nor EC on P-256, P-384 or P-521", e);
        }
    }
}
