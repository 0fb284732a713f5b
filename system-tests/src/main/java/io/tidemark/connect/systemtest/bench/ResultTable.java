package io.tidemark.connect.systemtest.bench;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A benchmark result as Markdown: what ran where, one line per contender, one line per target. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String markdown(BenchResult result, Machine machine, String command) {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(result.started().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT)))
            .append(" on ").append(machine).append("; load average (1/5/15 min) ").append(result.loadBefore())
            .append(" before, highest 1-min load during the runs ").append(format(result.peakLoad()))
            .append(". ").append(result.rounds()).append(" rounds, contenders alternated in each; took ")
            .append(result.elapsed().toMinutes()).append(" min ").append(result.elapsed().toSecondsPart()).append(" s.\n\n");
        out.append("`").append(command).append("`\n\n");
        for (String line : result.setup()) {
            out.append("- ").append(line).append('\n');
        }
        if (!result.setup().isEmpty()) {
            out.append('\n');
        }
        contenders(result, out);
        out.append('\n');
        targets(result, out);
        return out.toString();
    }

    private static void contenders(BenchResult result, StringBuilder out) {
        boolean latency = result.samples().stream().anyMatch(Sample::hasLatency);
        boolean heap = result.samples().stream().anyMatch(sample -> sample.peakHeapBytes() >= 0);
        boolean checked = result.samples().stream().anyMatch(sample -> sample.correct() != null);
        out.append("| contender | ").append(result.unit()).append(" (median) | min – max |");
        if (latency) {
            out.append(" p50 ms | p99 ms |");
        }
        if (heap) {
            out.append(" peak heap MB |");
        }
        if (checked) {
            out.append(" result correct |");
        }
        out.append('\n').append("|---|---:|---:|");
        out.append(latency ? "---:|---:|" : "").append(heap ? "---:|" : "").append(checked ? "---|" : "").append('\n');
        for (String contender : result.contenders()) {
            List<Sample> samples = result.samplesOf(contender);
            double[] values = samples.stream().mapToDouble(Sample::value).toArray();
            out.append("| ").append(contender).append(" | ").append(format(result.median(contender))).append(" | ")
                .append(format(min(values))).append(" – ").append(format(max(values))).append(" |");
            if (latency) {
                out.append(' ').append(format(BenchResult.median(samples.stream().mapToDouble(Sample::p50Ms).toArray())))
                    .append(" | ").append(format(BenchResult.median(samples.stream().mapToDouble(Sample::p99Ms).toArray())))
                    .append(" |");
            }
            if (heap) {
                long peak = samples.stream().mapToLong(Sample::peakHeapBytes).max().orElse(-1);
                out.append(' ').append(peak < 0 ? "–" : Long.toString(peak >> 20)).append(" |");
            }
            if (checked) {
                out.append(' ').append(correctness(samples)).append(" |");
            }
            out.append('\n');
        }
    }

    private static String correctness(List<Sample> samples) {
        long checked = samples.stream().filter(sample -> sample.correct() != null).count();
        long right = samples.stream().filter(sample -> Boolean.TRUE.equals(sample.correct())).count();
        if (checked == 0) {
            return "–";
        }
        return right == checked ? "yes (" + right + "/" + checked + ")" : "**no** (" + right + "/" + checked + " right)";
    }

    private static void targets(BenchResult result, StringBuilder out) {
        if (result.targets().isEmpty()) {
            return;
        }
        out.append("| target |");
        for (int round = 1; round <= result.rounds(); round++) {
            out.append(" round ").append(round).append(" |");
        }
        out.append(" median | goal | met |\n|---|");
        out.append("---:|".repeat(result.rounds())).append("---:|---|---|\n");
        for (Target target : result.targets()) {
            List<Double> figures = result.figures(target);
            out.append("| ").append(target.label()).append(" |");
            for (int round = 0; round < result.rounds(); round++) {
                out.append(' ').append(round < figures.size() ? figure(target, figures.get(round)) : "–").append(" |");
            }
            out.append(' ').append(figure(target, result.medianFigure(target))).append(" | ").append(target.describe())
                .append(" | ").append(result.met(target) ? "yes" : "**no**").append(" |\n");
        }
    }

    private static String figure(Target target, double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return target.isRatio() ? String.format(Locale.ROOT, "%.2f×", value) : format(value);
    }

    /** Thousands with separators, small numbers with decimals. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, magnitude >= 10 ? "%.1f" : "%.2f", value);
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).filter(value -> !Double.isNaN(value)).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).filter(value -> !Double.isNaN(value)).max().orElse(Double.NaN);
    }
}
