package dev.chat.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Connections that did not open, counted by cause. */
final class Failures {

    private final Map<String, LongAdder> byCause = new ConcurrentHashMap<>();

    void add(String cause) {
        byCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    long total() {
        return byCause.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> snapshot() {
        var copy = new TreeMap<String, Long>();
        byCause.forEach((cause, count) -> copy.put(cause, count.sum()));
        return copy;
    }
}
