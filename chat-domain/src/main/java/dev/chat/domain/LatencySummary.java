package dev.chat.domain;

/** Percentiles of recent latencies, in milliseconds. */
public record LatencySummary(double p50Ms, double p95Ms, double p99Ms) {

    public static final LatencySummary NONE = new LatencySummary(0, 0, 0);
}
