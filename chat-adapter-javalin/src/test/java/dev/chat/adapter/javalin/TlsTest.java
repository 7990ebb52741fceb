package dev.chat.adapter.javalin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.hub.HubSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a certificate and its key in PEM, the server speaks https and wss to clients that verify it, and only that. */
class TlsTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "EC"})
    void a_client_that_verifies_the_certificate_chats_over_wss_and_reads_https(String keyAlgorithm) throws Exception {
        var certificate = SelfSigned.create(folder, keyAlgorithm);
        try (var running = tlsServer(certificate)) {
            var verifying = HttpClient.newBuilder().sslContext(certificate.trustingIt()).build();

            var health = verifying.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + running.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            var client = TestClient.connect(verifying,
                    URI.create("wss://localhost:" + running.port() + "/ws?userId=alice&username=Alice"), Map.of());
            client.nextJoinOf("alice");
            client.send("{\"type\":\"chat\",\"content\":\"over TLS\"}");

            assertEquals(200, health.statusCode());
            assertEquals("over TLS", client.nextOfType("chat").get("content").asText());
        }
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_is_refused_and_plain_http_gets_no_answer() throws Exception {
        var certificate = SelfSigned.create(folder, "RSA");
        try (var running = tlsServer(certificate)) {
            var defaultTrust = HttpClient.newHttpClient();

            assertThrows(SSLHandshakeException.class, () -> defaultTrust.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + running.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertThrows(IOException.class, () -> defaultTrust.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + running.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void a_key_that_is_not_the_certificates_or_not_pkcs8_is_refused_with_what_is_wrong() throws Exception {
        var one = SelfSigned.create(folder, "RSA");
        var other = SelfSigned.create(folder, "EC");

        var mismatch = assertThrows(IllegalArgumentException.class,
                () -> TlsCertificate.fromPem(one.certificatePem(), other.privateKeyPem()));
        var pkcs1 = assertThrows(IllegalArgumentException.class, () -> TlsCertificate.fromPem(one.certificatePem(),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"));
        var noCertificate = assertThrows(IllegalArgumentException.class,
                () -> TlsCertificate.fromPem("not a certificate", one.privateKeyPem()));

        assertEquals("the private key is not the key of the first certificate in the chain", mismatch.getMessage());
        assertTrue(pkcs1.getMessage().startsWith("no -----BEGIN PRIVATE KEY----- block (PKCS#8)"), pkcs1.getMessage());
        assertTrue(noCertificate.getMessage().startsWith("the certificate chain"), noCertificate.getMessage());
    }

    private static RunningServer tlsServer(SelfSigned certificate) {
        var tls = TlsCertificate.fromPem(certificate.certificatePem(), certificate.privateKeyPem());
        return RunningServer.start(ServerSettings.defaults().withTls(Optional.of(tls)), HubSettings.defaults());
    }
}
