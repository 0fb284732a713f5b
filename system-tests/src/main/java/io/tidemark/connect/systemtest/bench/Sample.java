package io.tidemark.connect.systemtest.bench;

/**
 * One measured run of one contender.
 *
 * @param contender     who ran
 * @param round         1-based round number
 * @param value         the benchmark's figure (rows/s, events/s, ns/op, or a latency in ms)
 * @param p50Ms         median latency in ms, or NaN where latency is not measured
 * @param p99Ms         99th percentile latency in ms, or NaN
 * @param peakHeapBytes highest heap use seen during the run (of the JVM doing the work), or -1 when not measured
 * @param correct       whether the result was checked and right (the final table), or null when not checked
 * @param load          the machine's load average when the run ended
 */
public record Sample(String contender, int round, double value, double p50Ms, double p99Ms, long peakHeapBytes,
                     Boolean correct, LoadAverage load) {

    /** A throughput or time figure without latencies. */
    public static Sample of(String contender, int round, double value, long peakHeapBytes, Boolean correct) {
        return new Sample(contender, round, value, Double.NaN, Double.NaN, peakHeapBytes, correct, LoadAverage.now());
    }

    public boolean hasLatency() {
        return !Double.isNaN(p50Ms);
    }
}
