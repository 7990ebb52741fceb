package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chat.adapter.javalin.SelfSigned;
import dev.chat.adapter.javalin.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS_CERT_FILE and TLS_KEY_FILE: the application serves wss:// from the PEM files, or says what is wrong. */
class TlsConfigTest {

    @TempDir
    Path folder;

    @Test
    void with_a_certificate_and_its_key_the_application_serves_wss_to_a_client_that_verifies_it() throws Exception {
        var certificate = SelfSigned.create(folder, "EC");
        var chain = Files.writeString(folder.resolve("chain.pem"), certificate.certificatePem());
        var key = Files.writeString(folder.resolve("key.pem"), certificate.privateKeyPem());
        var loaded = ChatConfig.load(Map.of("PORT", "0", "STORE", "memory", "TLS_CERT_FILE", chain.toString(),
                "TLS_KEY_FILE", key.toString()));

        var app = ChatApplication.start(loaded.config());
        try {
            var verifying = HttpClient.newBuilder().sslContext(certificate.trustingIt()).build();
            var client = TestClient.connect(verifying,
                    URI.create("wss://localhost:" + app.port() + "/ws?userId=alice&username=Alice"), Map.of());

            assertEquals("alice", client.nextJoinOf("alice").get("userId").asText());
            assertEquals("https", loaded.config().scheme());
            assertTrue(loaded.effective().contains(" TLS=" + chain + " "), loaded.effective());
        } finally {
            app.stop();
        }
    }

    @Test
    void the_certificate_the_security_guides_openssl_script_makes_is_accepted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "the script needs openssl");
        var script = new ProcessBuilder("sh", "src/test/sh/self-signed-cert.sh", folder.toString()).start();
        assertEquals(0, script.waitFor());

        var loaded = ChatConfig.load(Map.of("TLS_CERT_FILE", folder.resolve("cert.pem").toString(),
                "TLS_KEY_FILE", folder.resolve("key.pem").toString()));

        assertTrue(loaded.config().tls().isPresent());
    }

    @Test
    void one_file_without_the_other_a_missing_file_or_a_key_of_another_certificate_stop_the_server() throws Exception {
        var one = SelfSigned.create(folder, "RSA");
        var other = SelfSigned.create(folder, "RSA");
        var chain = Files.writeString(folder.resolve("chain.pem"), one.certificatePem());
        var otherKey = Files.writeString(folder.resolve("other-key.pem"), other.privateKeyPem());

        assertEquals("TLS_CERT_FILE and TLS_KEY_FILE go together: the certificate chain and its private key",
                refusal(Map.of("TLS_CERT_FILE", chain.toString())));
        assertTrue(refusal(Map.of("TLS_CERT_FILE", chain.toString(), "TLS_KEY_FILE", "/nonexistent/key.pem"))
                .startsWith("TLS_KEY_FILE: cannot read /nonexistent/key.pem"));
        assertEquals("TLS_CERT_FILE and TLS_KEY_FILE: the private key is not the key of the first certificate in "
                + "the chain", refusal(Map.of("TLS_CERT_FILE", chain.toString(), "TLS_KEY_FILE", otherKey.toString())));
        assertEquals("http", ChatConfig.load(Map.of()).config().scheme());
    }

    private static String refusal(Map<String, String> variables) {
        return assertThrows(ConfigException.class, () -> ChatConfig.load(variables)).getMessage();
    }
}
