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
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README promises about configuration and the protocol, checked against the code, so the two agree. */
class ReadmeTest {

    private static final Pattern CONFIG_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| `([^`]*)`", Pattern.MULTILINE);

    private final String readme = read();

    @Test
    void the_configuration_table_lists_every_variable_with_its_real_default() throws ConfigException {
        var defaults = new LinkedHashMap<String, String>();
        defaults.put("PORT", "8080");
        for (var setting : ChatConfig.from(Map.of()).describe().split(" ")) {
            var nameAndValue = setting.split("=", 2);
            defaults.put(nameAndValue[0], nameAndValue[1]);
        }
        defaults.put("ALLOWED_ORIGINS", "*");

        var documented = new LinkedHashMap<String, String>();
        var rows = CONFIG_ROW.matcher(section("## Configuration"));
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2));
        }
        assertEquals(defaults, documented);
    }

    @Test
    void the_startup_line_shown_is_the_one_the_defaults_print() throws ConfigException {
        assertTrue(readme.contains("listening on http://0.0.0.0:8080 (" + ChatConfig.from(Map.of()).describe() + ")"),
                "the Quick start's startup line is not what the server prints with no configuration");
    }

    @Test
    void every_close_code_and_error_code_is_documented() {
        var closing = section("### Closing codes");
        for (var reason : CloseReason.values()) {
            assertTrue(closing.contains("| " + reason.code() + " |"), reason + " is missing from Closing codes");
        }
        var errors = section("### Errors");
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wireCode).forEach(code ->
                assertTrue(errors.contains("`" + code + "`"), code + " is missing from Errors"));
    }

    /** From a heading to the next heading of the same or a higher level. */
    private String section(String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        var level = heading.substring(0, heading.indexOf(' ') + 1);
        var next = Pattern.compile("\n#{1," + (level.length() - 1) + "} ").matcher(readme);
        int end = next.find(start + heading.length() + 1) ? next.start() : readme.length();
        return readme.substring(start, end);
    }

    private static String read() {
        try {
            return Files.readString(Path.of("..", "README.md"));
        } catch (IOException e) {
            throw new AssertionError("the README is where the project root should be", e);
        }
    }
}
