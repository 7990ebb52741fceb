package dev.chat.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads typed values out of environment variables; a bad value fails with a sentence naming the variable. */
final class Environment {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    int integer(String name, int fallback, int min, int max) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the range
        }
        throw invalid(name, text, "a whole number from " + min + " to " + max);
    }

    Duration duration(String name, Duration fallback) throws ConfigException {
        var duration = durationOrZero(name, fallback);
        if (duration.isZero()) {
            throw invalid(name, variables.get(name).strip(), "a positive duration such as 54s, 500ms, 2m or 1h");
        }
        return duration;
    }

    Duration durationOrZero(String name, Duration fallback) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return fallback;
        }
        var matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw invalid(name, text, "a duration such as 54s, 500ms, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** Empty when the variable is unset, blank or {@code *}: every origin is allowed. */
    Set<String> origins(String name) throws ConfigException {
        var text = value(name);
        if (text == null || text.equals("*")) {
            return Set.of();
        }
        var origins = new LinkedHashSet<String>();
        for (var origin : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!isOrigin(origin)) {
                throw invalid(name, text, "a comma-separated list of origins such as https://chat.example.com");
            }
            origins.add(origin);
        }
        return origins;
    }

    String choice(String name, String fallback, Set<String> allowed) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return fallback;
        }
        var lower = text.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw invalid(name, text, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return lower;
    }

    /** A variable that no longer exists must not be ignored in silence: the server would run other than asked. */
    void replaced(String old, String current, String why) throws ConfigException {
        if (value(old) != null) {
            throw new ConfigException(old + " is no longer read: " + why + "; set " + current + " instead");
        }
    }

    private String value(String name) {
        var text = variables.get(name);
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An origin is a scheme, a host and maybe a port: what a browser sends, with no path. */
    private static boolean isOrigin(String text) {
        try {
            var uri = new URI(text);
            return (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException | NullPointerException notAnOrigin) {
            return false;
        }
    }

    private static ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(name + " must be " + expected + ", not '" + value + "'");
    }
}
