package dev.chat.app;

import dev.chat.adapter.javalin.AddressRange;
import dev.chat.domain.Checked;
import dev.chat.domain.RoomPatterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Reads typed values out of environment variables; a bad value fails with a sentence naming the variable. It keeps
 * what it read, default or not, in the form a user would write it, for the startup line.
 */
final class Environment {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Map<String, String> variables;
    private final Map<String, String> effective = new LinkedHashMap<>();

    Environment(Map<String, String> variables) {
        this.variables = variables;
    }

    /** Every variable read so far with its effective value, as {@code NAME=value} separated by spaces. */
    String effective() {
        var line = new StringJoiner(" ");
        effective.forEach((name, value) -> line.add(name + "=" + value));
        return line.toString();
    }

    int integer(String name, int fallback, int min, int max) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return noted(name, fallback, Integer.toString(fallback));
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= min && number <= max) {
                return noted(name, number, Integer.toString(number));
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
            return noted(name, fallback, text(fallback));
        }
        var matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw invalid(name, text, "a duration such as 54s, 500ms, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        var duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return noted(name, duration, text(duration));
    }

    /** A duration as a user would write it: whole seconds as 54s, anything finer, and none, as 500ms or 0ms. */
    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis > 0 && millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /**
     * Empty when the variable is unset or {@code *}: every origin is allowed. A list that is given but names no
     * origin is refused, so that a mistake never opens the server to every origin.
     */
    Set<String> origins(String name) throws ConfigException {
        if (variables.containsKey(name) && value(name) == null) {
            throw invalid(name, "", "a comma-separated list of origins, or * for every origin");
        }
        var text = value(name);
        if (text == null || text.equals("*")) {
            return noted(name, Set.of(), "*");
        }
        var origins = new LinkedHashSet<String>();
        for (var origin : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            if (!isOrigin(origin)) {
                throw invalid(name, text, "a comma-separated list of origins such as https://chat.example.com");
            }
            origins.add(origin);
        }
        if (origins.isEmpty()) {
            throw invalid(name, text, "a comma-separated list of origins, or * for every origin");
        }
        return noted(name, origins, String.join(",", origins));
    }

    /** Comma-separated room names and {@code prefix*} patterns; none when unset. */
    RoomPatterns roomPatterns(String name) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return noted(name, RoomPatterns.NONE, "");
        }
        var patterns = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (patterns.isEmpty() || RoomPatterns.check(patterns) instanceof Checked.Rejected) {
            throw invalid(name, text, "a comma-separated list of room names and prefixes ending in *, such as "
                    + "team-*,board");
        }
        return noted(name, new RoomPatterns(patterns), String.join(",", patterns));
    }

    /**
     * Comma-separated IP addresses or CIDR blocks, written out (never names, which would need DNS); empty when
     * unset.
     */
    Set<AddressRange> addressRanges(String name) throws ConfigException {
        var text = value(name);
        var ranges = new LinkedHashSet<AddressRange>();
        if (text != null) {
            for (var item : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                ranges.add(AddressRange.parse(item).orElseThrow(() -> invalid(name, text,
                        "a comma-separated list of IP addresses or CIDR blocks such as 10.0.0.5,10.1.0.0/16")));
            }
        }
        return noted(name, ranges, text == null ? "" : String.join(",",
                ranges.stream().map(AddressRange::toString).toList()));
    }

    String choice(String name, String fallback, Set<String> allowed) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return noted(name, fallback, fallback);
        }
        var chosen = allowed.stream().filter(text::equalsIgnoreCase).findFirst();
        if (chosen.isEmpty()) {
            throw invalid(name, text, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return noted(name, chosen.get(), chosen.get());
    }

    /** A plain word or address, shown as given. */
    String text(String name, String fallback) {
        var text = value(name);
        return noted(name, text == null ? fallback : text, text == null ? fallback : text);
    }

    /** A plain word or address that may be unset; shown when set. */
    Optional<String> optionalText(String name) {
        var text = value(name);
        return text == null ? Optional.empty() : Optional.of(noted(name, text, text));
    }

    /** A variable's text, not kept for the startup line: it may be a secret. Empty when unset or blank. */
    Optional<String> secretOrText(String name) {
        return Optional.ofNullable(value(name));
    }

    /** An instant such as 2026-12-31T00:00:00Z. */
    Optional<Instant> instant(String name) throws ConfigException {
        var text = value(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(noted(name, Instant.parse(text), text));
        } catch (DateTimeParseException e) {
            throw invalid(name, text, "an instant such as 2026-12-31T00:00:00Z");
        }
    }

    /** What a group of variables came to, in a form safe to show, for the startup line. */
    void note(String name, String shown) {
        effective.put(name, shown);
    }

    ConfigException invalid(String name, String expected) {
        return new ConfigException(name + " must be " + expected);
    }

    /** A variable that no longer exists must not be ignored in silence: the server would run other than asked. */
    void replaced(String old, String current, String why) throws ConfigException {
        if (value(old) != null) {
            throw new ConfigException(old + " is no longer read: " + why + "; set " + current + " instead");
        }
    }

    private <T> T noted(String name, T value, String text) {
        effective.put(name, text);
        return value;
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
