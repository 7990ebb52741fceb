package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.adapter.javalin.RawSocket;
import dev.chat.adapter.javalin.TestClient;
import dev.chat.app.example.MintToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application with AUTH_SECRET set and the rooms {@code team-*} private: only tokens signed with it get in, as
 * whom they say, and into the private rooms they grant.
 */
class AuthenticationTest {

    private static final String SECRET = "correct-horse-battery-staple-and-more";

    private final ChatApplication app = start();

    private static ChatApplication start() {
        try {
            return ChatApplication.start(load(Map.of("PORT", "0", "STORE", "memory", "AUTH_SECRET", SECRET, "PRIVATE_ROOMS", "team-*")).config());
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        app.stop();
    }

    @Test
    void a_token_minted_as_the_security_guide_shows_in_java_connects_as_its_subject_and_name() throws Exception {
        var token = MintToken.mint(SECRET, "alice", "Alice", List.of(), Duration.ofHours(1));

        var client = TestClient.connect(app.port(), "userId=mallory&username=Mallory",
                Map.of("Authorization", "Bearer " + token));

        var join = client.nextOfType("join");
        assertEquals("alice", join.get("userId").asText());
        assertEquals("Alice", join.get("username").asText());
    }

    @Test
    void a_token_minted_with_the_guides_shell_script_connects_too() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "the script needs openssl");
        var token = mintWithScript("bob", "Bob", "team-red");

        var client = TestClient.connect(app.port(), "token=" + token + "&room=team-red");

        assertEquals("Bob", client.nextOfType("join").get("username").asText());
    }

    @Test
    void a_private_room_takes_only_tokens_that_grant_it_over_websocket_and_http() throws Exception {
        var granted = MintToken.mint(SECRET, "carol", "Carol", List.of("team-*"), Duration.ofHours(1));
        var other = MintToken.mint(SECRET, "dave", "Dave", List.of("team-blue"), Duration.ofHours(1));
        TestClient.connect(app.port(), "token=" + granted + "&room=team-red").nextOfType("presence");

        var refused = RawSocket.refusedUpgrade(app.port(), "token=" + other + "&room=team-red", Map.of());

        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("\"code\":\"room_forbidden\""), refused.body());
        assertEquals(403, get("/api/rooms/team-red/users", other).statusCode());
        assertTrue(get("/api/rooms/team-red/users", granted).body().contains("\"userId\":\"carol\""));
    }

    @Test
    void room_names_are_case_sensitive_so_another_spelling_is_another_public_room() throws Exception {
        var ungranted = MintToken.mint(SECRET, "dave", "Dave", List.of(), Duration.ofHours(1));
        var granted = MintToken.mint(SECRET, "carol", "Carol", List.of("team-*"), Duration.ofHours(1));
        var dave = TestClient.connect(app.port(), "token=" + ungranted + "&room=Team-red");
        dave.nextOfType("presence");
        dave.send("{\"type\":\"chat\",\"content\":\"in the other spelling\"}");
        dave.nextOfType("chat");

        assertEquals(403, RawSocket.refusedUpgrade(app.port(), "token=" + ungranted + "&room=team-red", Map.of())
                .status());
        var privateHistory = get("/api/rooms/team-red/messages", granted).body();
        assertFalse(privateHistory.contains("in the other spelling"), privateHistory);
    }

    @Test
    void a_connection_refreshed_with_a_new_token_is_told_its_new_expiry() throws Exception {
        var client = TestClient.connect(app.port(),
                "token=" + MintToken.mint(SECRET, "erin", "Erin", List.of(), Duration.ofMinutes(5)));
        client.nextOfType("presence");
        var fresh = MintToken.mint(SECRET, "erin", "Erin", List.of(), Duration.ofHours(2));

        client.send("{\"type\":\"refresh\",\"token\":\"" + fresh + "\"}");

        var refreshed = Instant.parse(client.nextOfType("refreshed").get("expiresAt").asText());
        assertTrue(refreshed.isAfter(Instant.now().plus(Duration.ofMinutes(119))), refreshed.toString());
    }

    @Test
    void private_rooms_without_verified_identities_are_refused_at_startup() {
        assertEquals("PRIVATE_ROOMS needs verified identities: set AUTH_SECRET, AUTH_PUBLIC_KEY_FILE, "
                + "AUTH_JWKS_URL or HOOK_CONNECT_URL, or anyone could claim to be a user the rooms are granted to",
                assertThrows(ConfigException.class, () -> load(Map.of("PRIVATE_ROOMS", "team-*"))).getMessage());
        assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", SECRET, "PRIVATE_ROOMS", "bad room")));
        assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", SECRET, "PRIVATE_ROOMS", ",")));
    }

    @Test
    void a_secret_made_as_the_guide_shows_is_accepted_and_its_tokens_connect() throws Exception {
        var openssl = new ProcessBuilder("openssl", "rand", "-hex", "32").start();
        var secret = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, openssl.waitFor());
        var other = ChatApplication.start(load(Map.of("PORT", "0", "STORE", "memory", "AUTH_SECRET", secret)).config());
        try {
            var token = MintToken.mint(secret, "erin", "Erin", List.of(), Duration.ofHours(1));
            assertEquals("Erin", TestClient.connect(other.port(), "token=" + token).nextOfType("join").get("username")
                    .asText());
        } finally {
            other.stop();
        }
    }

    @Test
    void the_guides_curl_shows_why_a_token_was_refused() throws Exception {
        var forged = token("a-different-secret-that-is-long-enough", "alice", "Alice");
        var curl = new ProcessBuilder("sh", "src/test/sh/why-refused.sh",
                "http://127.0.0.1:" + app.port() + "/ws?token=" + forged).start();

        var answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, curl.waitFor());
        assertTrue(answer.startsWith("HTTP/1.1 401 Unauthorized"), answer);
        assertTrue(answer.contains("{\"type\":\"error\",\"code\":\"token_invalid\",\"message\":\"the token is not "
                + "one this server accepts: Signed JWT rejected: Invalid signature\"}"), answer);
    }

    private static String mintWithScript(String userId, String name, String rooms) throws Exception {
        var script = new ProcessBuilder("sh", "src/test/sh/mint-token.sh", userId, name, rooms);
        script.environment().put("AUTH_SECRET", SECRET);
        var process = script.start();
        var token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor());
        return token;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_token_signed_otherwise_or_not_at_all_is_refused_with_401() throws Exception {
        var forged = token("a-different-secret-that-is-long-enough", "alice", "Alice");
        var unsigned = new PlainJWT(claims("alice", "Alice")).serialize();

        for (var token : new String[] {forged, unsigned}) {
            var answer = RawSocket.refusedUpgrade(app.port(), "token=" + token, Map.of());
            assertEquals(401, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"code\":\"token_invalid\""), answer.body());
        }
        var anonymous = RawSocket.refusedUpgrade(app.port(), "userId=alice&username=Alice", Map.of());
        assertTrue(anonymous.body().contains("\"code\":\"token_missing\""), anonymous.body());
    }

    @Test
    void a_token_with_an_empty_or_blank_subject_is_refused_so_that_no_user_speaks_as_the_server() throws Exception {
        for (var subject : new String[] {"", "   "}) {
            var answer = RawSocket.refusedUpgrade(app.port(), "token=" + token(SECRET, subject, "Server"), Map.of());

            assertEquals(401, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"code\":\"token_rejected\""), answer.body());
        }
    }

    @Test
    void a_token_whose_expiry_is_out_of_range_is_rejected_not_called_expired() throws Exception {
        var payload = "{\"sub\":\"alice\",\"name\":\"Alice\",\"exp\":1e20}";
        var jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payload));
        jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        var answer = RawSocket.refusedUpgrade(app.port(), "token=" + jws.serialize(), Map.of());

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"token_rejected\""), answer.body());
    }

    @Test
    void a_name_claim_that_reorders_text_is_refused() throws Exception {
        var answer = RawSocket.refusedUpgrade(app.port(), "token=" + token(SECRET, "alice", "Alice\u202Eetalp"),
                Map.of());

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"code\":\"username_invalid\""), answer.body());
    }

    @Test
    void the_startup_line_names_the_algorithm_and_never_the_secret() throws ConfigException {
        var effective = load(Map.of("AUTH_SECRET", SECRET)).effective();

        assertTrue(effective.contains("AUTH=HS256"), effective);
        assertFalse(effective.contains(SECRET), effective);
        assertTrue(load(Map.of()).effective().contains(" AUTH=off "));
    }

    @Test
    void a_short_secret_two_key_sources_or_a_previous_secret_without_an_end_are_refused_at_startup() {
        assertEquals("AUTH_SECRET must be at least 32 bytes for HS256, not 5",
                assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", "short"))).getMessage());
        assertEquals("set one of AUTH_SECRET, AUTH_PUBLIC_KEY_FILE and AUTH_JWKS_URL, not AUTH_JWKS_URL and "
                + "AUTH_SECRET", assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", SECRET,
                        "AUTH_JWKS_URL", "https://auth.example.com/jwks.json"))).getMessage());
        assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", SECRET, "AUTH_PREVIOUS_SECRET", SECRET)));
        assertThrows(ConfigException.class, () -> load(Map.of("AUTH_SECRET", SECRET, "AUTH_ALGORITHM", "HS512")));
    }

    private static ChatConfig.Loaded load(Map<String, String> variables) throws ConfigException {
        return ChatConfig.load(variables);
    }

    private static String token(String secret, String subject, String name) throws Exception {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, name));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject, String name) {
        return new JWTClaimsSet.Builder().subject(subject).claim("name", name)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    }
}
