package dev.chat.loadtest;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, in milliseconds. */
record Latency(long count, double p50, double p95, double p99, double p999, double max) {

    static Latency of(Histogram microseconds) {
        return new Latency(microseconds.getTotalCount(),
                millis(microseconds.getValueAtPercentile(50)),
                millis(microseconds.getValueAtPercentile(95)),
                millis(microseconds.getValueAtPercentile(99)),
                millis(microseconds.getValueAtPercentile(99.9)),
                millis(microseconds.getMaxValue()));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
