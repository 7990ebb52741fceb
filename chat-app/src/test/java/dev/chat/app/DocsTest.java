package dev.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.domain.ErrorCode;
import dev.chat.domain.protocol.CloseReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README and the docs promise about configuration and the protocol, checked against the code. */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(((?!https?:)[^)#]+)(#[^)]*)?\\)");
    private static final Pattern SOURCE_PATH = Pattern.compile("`(chat-[a-z-]+/src/[^`]+\\.java)`");
    private static final Pattern CONFIG_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| `([^`]*)`", Pattern.MULTILINE);

    private final String readme = read("README.md");
    private final String configuration = read("docs/configuration.md");
    private final String protocol = read("docs/protocol.md");
    private final String security = read("docs/security.md");

    @Test
    void the_configuration_table_lists_every_variable_with_its_real_default() throws ConfigException {
        var defaults = new LinkedHashMap<String, String>();
        for (var setting : ChatConfig.load(Map.of()).effective().split(" ")) {
            var nameAndValue = setting.split("=", 2);
            defaults.put(nameAndValue[0], nameAndValue[1]);
        }
        defaults.remove("AUTH");
        AuthConfig.DEFAULTS.forEach(defaults::put);
        defaults.remove("TLS");
        TlsConfig.DEFAULTS.forEach(defaults::put);
        DatabaseConfig.DEFAULTS.forEach(defaults::put);
        ClusterConfig.DEFAULTS.forEach(defaults::put);
        ApiConfig.DEFAULTS.forEach(defaults::put);
        defaults.remove("HOOKS");
        HookConfig.DEFAULTS.forEach(defaults::put);
        defaults.remove("WEBHOOKS");
        WebhookConfig.DEFAULTS.forEach(defaults::put);
        DynamoConfig.DEFAULTS.forEach(defaults::put);

        var documented = new LinkedHashMap<String, String>();
        var rows = CONFIG_ROW.matcher(configuration + security);
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2).equals("unset") ? "" : rows.group(2));
        }
        assertEquals(defaults, documented);
    }

    @Test
    void the_startup_line_shown_is_the_one_the_defaults_print() throws ConfigException {
        assertTrue(readme.contains("listening on http://0.0.0.0:8080 (" + ChatConfig.load(Map.of()).effective() + ")"),
                "the Quick start's startup line is not what the server prints with no configuration");
    }

    @Test
    void the_guides_examples_are_the_files_the_tests_run() throws IOException {
        var java = Files.readString(Path.of("src/test/java/dev/chat/app/example/MintToken.java"));
        var shell = Files.readString(Path.of("src/test/sh/mint-token.sh"));

        assertTrue(security.contains(java.substring(java.indexOf("import "))), "MintToken.java differs from the guide");
        var bot = Files.readString(Path.of("src/test/java/dev/chat/app/example/HelloChat.java"));
        assertTrue(read("docs/embedding.md").contains(bot.substring(bot.indexOf("import "))),
                "HelloChat.java differs from the guide");
        var receiver = Files.readString(Path.of("src/test/java/dev/chat/app/example/WebhookReceiver.java"));
        assertTrue(protocol.contains(receiver.substring(receiver.indexOf("import "))),
                "WebhookReceiver.java differs from the guide");
        assertTrue(security.contains(shell), "mint-token.sh differs from the guide");
        assertTrue(security.contains(Files.readString(Path.of("src/test/sh/why-refused.sh"))),
                "why-refused.sh differs from the guide");
        assertTrue(security.contains(Files.readString(Path.of("src/test/sh/self-signed-cert.sh"))),
                "self-signed-cert.sh differs from the guide");
        assertTrue(read("docs/clustering.md").contains(Files.readString(Path.of("src/test/sh/three-nodes.sh"))),
                "three-nodes.sh differs from the guide");
    }

    @Test
    void every_close_code_and_error_code_is_documented() {
        var closing = section(protocol, "## Closing codes");
        for (var reason : CloseReason.values()) {
            assertTrue(closing.contains("| " + reason.code() + " |"), reason + " is missing from Closing codes");
        }
        var errors = section(protocol, "## Errors") + section(security, "## Error codes");
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wireCode).forEach(code ->
                assertTrue(errors.contains("`" + code + "`"), code + " is missing from Errors"));
    }

    /** From a heading to the next heading of the same or a higher level. */
    private static String section(String doc, String heading) {
        int start = doc.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        var level = heading.substring(0, heading.indexOf(' ') + 1);
        var next = Pattern.compile("\n#{1," + (level.length() - 1) + "} ").matcher(doc);
        int end = next.find(start + heading.length() + 1) ? next.start() : doc.length();
        return doc.substring(start, end);
    }

    @Test
    void every_link_between_the_docs_and_every_file_the_readme_names_exists() throws IOException {
        for (var doc : List.of("README.md", "docs/protocol.md", "docs/configuration.md", "docs/architecture.md", "docs/client.md", "docs/deployment.md",
                "docs/embedding.md", "docs/performance.md", "docs/security.md")) {
            var folder = Path.of("..", doc).getParent();
            var links = LINK.matcher(read(doc));
            while (links.find()) {
                assertTrue(Files.exists(folder.resolve(links.group(1))), doc + " links to a missing " + links.group(1));
            }
        }
        var paths = SOURCE_PATH.matcher(readme);
        while (paths.find()) {
            assertTrue(Files.exists(Path.of("..", paths.group(1))), "the README names a missing " + paths.group(1));
        }
    }

    private static String read(String doc) {
        try {
            return Files.readString(Path.of("..", doc));
        } catch (IOException e) {
            throw new AssertionError(doc + " is not where the project root should be", e);
        }
    }
}
