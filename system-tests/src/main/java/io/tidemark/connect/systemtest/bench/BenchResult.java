package io.tidemark.connect.systemtest.bench;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything one benchmark measured: its samples (contenders alternated over rounds), the targets it checks,
 * and the setup a reader needs to judge the figures (sizes, configurations, the machine's load).
 *
 * @param id          short name: the CSV/PNG file names and the README marker
 * @param title       heading in the report
 * @param unit        what {@link Sample#value()} measures, e.g. "rows/s", "ns/op", "p99 ms"
 * @param higherIsBetter whether a bigger value is better (throughput) or worse (time, latency)
 * @param contenders  contender names, in the order they ran in each round
 * @param samples     every run
 * @param targets     what the figures are checked against
 * @param setup       lines describing input and configurations
 * @param started     when the benchmark began
 * @param loadBefore  the machine's load average before the benchmark
 * @param elapsed     how long the whole benchmark took (preparation included)
 */
public record BenchResult(String id, String title, String unit, boolean higherIsBetter, List<String> contenders,
                          List<Sample> samples, List<Target> targets, List<String> setup, ZonedDateTime started,
                          LoadAverage loadBefore, Duration elapsed) {

    public BenchResult {
        contenders = List.copyOf(contenders);
        samples = List.copyOf(samples);
        targets = List.copyOf(targets);
        setup = List.copyOf(setup);
    }

    public List<Sample> samplesOf(String contender) {
        return samples.stream().filter(sample -> sample.contender().equals(contender)).toList();
    }

    public int rounds() {
        return samples.stream().mapToInt(Sample::round).max().orElse(0);
    }

    public double median(String contender) {
        return median(samplesOf(contender).stream().mapToDouble(Sample::value).toArray());
    }

    /** The target's figure in each round (a ratio of the two contenders' values, or the contender's value). */
    public List<Double> figures(Target target) {
        List<Double> figures = new ArrayList<>();
        for (int round = 1; round <= rounds(); round++) {
            Sample ours = sample(target.ours(), round);
            if (ours == null) {
                continue;
            }
            if (!target.isRatio()) {
                figures.add(ours.value());
                continue;
            }
            Sample peer = sample(target.peer(), round);
            if (peer != null && peer.value() > 0) {
                figures.add(ours.value() / peer.value());
            }
        }
        return figures;
    }

    /** The median of the target's figures, NaN when none was measured. */
    public double medianFigure(Target target) {
        return median(figures(target).stream().mapToDouble(Double::doubleValue).toArray());
    }

    public boolean met(Target target) {
        double median = medianFigure(target);
        return !Double.isNaN(median) && target.met(median);
    }

    private Sample sample(String contender, int round) {
        return samples.stream()
            .filter(sample -> sample.contender().equals(contender) && sample.round() == round)
            .findFirst().orElse(null);
    }

    static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int middle = finite.length / 2;
        return finite.length % 2 == 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
    }

    /** The highest load average (1 min) seen at the end of any run, or the one before the benchmark. */
    public double peakLoad() {
        return samples.stream().mapToDouble(sample -> sample.load().one()).filter(load -> !Double.isNaN(load))
            .max().orElse(loadBefore.one());
    }
}
