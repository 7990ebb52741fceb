package dev.chat.app;

import dev.chat.adapter.javalin.TlsCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads whether the server speaks TLS itself: {@code TLS_CERT_FILE} (the certificate chain in PEM, the server's own
 * certificate first) and {@code TLS_KEY_FILE} (its private key, PKCS#8 PEM) together, or neither, for plain HTTP
 * behind a proxy that terminates TLS. A pair that does not belong together stops the server at startup.
 */
final class TlsConfig {

    /** Every variable read here, with its default as the docs show it: blank for one that is unset. */
    static final Map<String, String> DEFAULTS = Map.of("TLS_CERT_FILE", "", "TLS_KEY_FILE", "");

    private TlsConfig() {}

    static Optional<TlsCertificate> read(Environment env) throws ConfigException {
        var chainFile = env.secretOrText("TLS_CERT_FILE");
        var keyFile = env.secretOrText("TLS_KEY_FILE");
        if (chainFile.isEmpty() && keyFile.isEmpty()) {
            env.note("TLS", "off");
            return Optional.empty();
        }
        if (chainFile.isEmpty() || keyFile.isEmpty()) {
            throw new ConfigException("TLS_CERT_FILE and TLS_KEY_FILE go together: the certificate chain and its "
                    + "private key");
        }
        try {
            var certificate = TlsCertificate.fromPem(read("TLS_CERT_FILE", chainFile.get()),
                    read("TLS_KEY_FILE", keyFile.get()));
            env.note("TLS", chainFile.get());
            return Optional.of(certificate);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("TLS_CERT_FILE and TLS_KEY_FILE: " + e.getMessage());
        }
    }

    private static String read(String variable, String file) throws ConfigException {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new ConfigException(variable + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
