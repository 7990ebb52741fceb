package dev.chat.loadtest;

import java.nio.charset.StandardCharsets;

/**
 * What the server sent besides probes, counted by type; with reconnections, the resumes that said they recovered
 * every message missed, and those that did not. Rare enough to be read as text.
 */
final class OtherMessages {

    private final Fleet.Counters counters;
    private final boolean resumes;

    OtherMessages(Fleet.Counters counters, boolean resumes) {
        this.counters = counters;
        this.resumes = resumes;
    }

    void count(byte[] bytes, int from, int to) {
        var type = typeOf(new String(bytes, from, Math.min(to - from, 64), StandardCharsets.UTF_8));
        counters.others.add(type);
        if (type.equals("presence") && resumes) {
            var presence = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            if (presence.contains("\"recovered\":true")) {
                counters.recovered.increment();
            } else if (presence.contains("\"recovered\":false")) {
                counters.notRecovered.increment();
            }
        }
    }

    private static String typeOf(String start) {
        var at = start.indexOf("\"type\":\"");
        if (at < 0) {
            return "other";
        }
        var end = start.indexOf('"', at + 8);
        return end < 0 ? "other" : start.substring(at + 8, end);
    }
}
