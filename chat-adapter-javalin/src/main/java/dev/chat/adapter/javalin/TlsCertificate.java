package dev.chat.adapter.javalin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the server proves itself with over TLS: a certificate chain, the server's own certificate first, and the
 * private key of that certificate, both read from PEM text as {@code openssl} and certificate authorities write
 * them. The key must be PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}): RSA, EC or Ed25519.
 */
public record TlsCertificate(List<X509Certificate> chain, PrivateKey key) {

    private static final Pattern KEY_BLOCK =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");
    private static final byte[] PROBE = "does this key belong to this certificate?".getBytes(StandardCharsets.UTF_8);

    public TlsCertificate {
        chain = List.copyOf(chain);
    }

    /**
     * Reads and checks the pair: at least one certificate, one PKCS#8 key, and the key the first certificate's.
     *
     * @throws IllegalArgumentException saying which of the two is wrong, and how
     */
    public static TlsCertificate fromPem(String certificateChain, String privateKey) {
        var chain = certificates(certificateChain);
        var key = privateKey(privateKey);
        if (!belongTogether(key, chain.getFirst())) {
            throw new IllegalArgumentException("the private key is not the key of the first certificate in the chain");
        }
        return new TlsCertificate(chain, key);
    }

    /** A key store in memory holding the pair under a password of its own, for Jetty. */
    KeyStore keyStore(char[] password) {
        try {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("chat", key, password, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("an in-memory PKCS12 store is part of every JDK", e);
        }
    }

    private static List<X509Certificate> certificates(String pem) {
        try {
            var read = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (read.isEmpty()) {
                throw new IllegalArgumentException("no -----BEGIN CERTIFICATE----- block in the certificate chain");
            }
            return read.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate chain is not PEM certificates: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        var block = KEY_BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block (PKCS#8) in the key file; "
                    + "convert another form with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
        }
        var spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(block.group(1)));
        for (var algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the next one may read it
            }
        }
        throw new IllegalArgumentException("the private key is not an RSA, EC or Ed25519 key");
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        var algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
