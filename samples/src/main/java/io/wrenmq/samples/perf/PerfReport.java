package io.wrenmq.samples.perf;

import java.util.Locale;

/** How the perf tool prints: one line a second while it runs, and a summary. Latencies are shown in milliseconds. */
final class PerfReport {
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private PerfReport() {
    }

    static String progressLine(long second, boolean warmup, double sentPerSecond, double receivedPerSecond,
            LatencyHistogram interval) {
        return String.format(Locale.ROOT, "%4ds %-7s sent %,10.0f msg/s  received %,10.0f msg/s  latency %s", second,
                warmup ? "warmup" : "", sentPerSecond, receivedPerSecond, latencies(interval));
    }

    /** "ms p50 0.052 p90 0.081 p99 0.160 p99.9 0.420 max 1.204", or "-" with nothing recorded. */
    static String latencies(LatencyHistogram h) {
        if (h.count() == 0) {
            return "-";
        }
        StringBuilder line = new StringBuilder("ms");
        for (double p : PERCENTILES) {
            line.append(String.format(Locale.ROOT, " p%s %s", label(p), millis(h.valueAt(p))));
        }
        return line.append(" max ").append(millis(h.max())).toString();
    }

    static String totals(String what, long messages, double seconds) {
        double rate = seconds > 0 ? messages / seconds : 0;
        return String.format(Locale.ROOT, "  %-9s %,12d messages in %6.2f s  %,10.0f msg/s", what, messages, seconds,
                rate);
    }

    private static String label(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
