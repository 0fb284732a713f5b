package io.tidemark.connect.systemtest.bench;

import java.util.Locale;

/**
 * What a benchmark promises, checked per round. A ratio target compares two contenders of the same run
 * ({@code ours / peer}); a bound target compares one contender's figure with a fixed limit (latency).
 *
 * @param label   how the README names it, e.g. "Tidemark / Debezium JDBC sink"
 * @param ours    the contender measured
 * @param peer    the contender it is divided by, or null for a bound
 * @param limit   the ratio or the bound
 * @param atLeast true when the figure must be at least {@code limit} (throughput), false when at most (time)
 */
public record Target(String label, String ours, String peer, double limit, boolean atLeast) {

    public static Target ratioAtLeast(String label, String ours, String peer, double limit) {
        return new Target(label, ours, peer, limit, true);
    }

    public static Target ratioAtMost(String label, String ours, String peer, double limit) {
        return new Target(label, ours, peer, limit, false);
    }

    public static Target boundAtMost(String label, String contender, double limit) {
        return new Target(label, contender, null, limit, false);
    }

    public static Target boundAtLeast(String label, String contender, double limit) {
        return new Target(label, contender, null, limit, true);
    }

    public boolean isRatio() {
        return peer != null;
    }

    public boolean met(double figure) {
        return atLeast ? figure >= limit : figure <= limit;
    }

    public String describe() {
        String number = String.format(Locale.ROOT, isRatio() ? "%.2f×" : "%.0f", limit);
        return (atLeast ? "≥ " : "≤ ") + number;
    }
}
