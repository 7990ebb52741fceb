package dev.chat.adapter.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a page in the Prometheus text format as a scraper would, failing on any line that is not one. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)");

    private PrometheusText() {}

    /** Each sample's value by its name and labels, as written; every other line must be a comment. */
    public static Map<String, Double> samples(String page) {
        var samples = new LinkedHashMap<String, Double>();
        for (var line : page.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a Prometheus sample: " + line);
            samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return samples;
    }
}
