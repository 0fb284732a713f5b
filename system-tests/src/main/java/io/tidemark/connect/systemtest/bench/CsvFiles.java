package io.tidemark.connect.systemtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A result as two CSV files: {@code <id>.csv}, one line per run, and {@code <id>-targets.csv}, one line per
 * target and round. Every line carries the benchmark's start time and the load average, so files of several
 * runs can be concatenated and compared.
 */
public final class CsvFiles {

    private CsvFiles() {
    }

    public static List<Path> write(BenchResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path samples = dir.resolve(result.id() + ".csv");
        StringBuilder out = new StringBuilder(
            "benchmark,started,contender,round,unit,value,p50_ms,p99_ms,peak_heap_mb,correct,load_1m,load_5m,load_15m\n");
        for (Sample sample : result.samples()) {
            out.append(String.join(",", result.id(), result.started().toOffsetDateTime().toString(), quote(sample.contender()),
                Integer.toString(sample.round()), quote(result.unit()), number(sample.value()), number(sample.p50Ms()),
                number(sample.p99Ms()), sample.peakHeapBytes() < 0 ? "" : Long.toString(sample.peakHeapBytes() >> 20),
                sample.correct() == null ? "" : sample.correct().toString(), number(sample.load().one()),
                number(sample.load().five()), number(sample.load().fifteen()))).append('\n');
        }
        Files.writeString(samples, out, StandardCharsets.UTF_8);

        Path targets = dir.resolve(result.id() + "-targets.csv");
        StringBuilder lines = new StringBuilder("benchmark,started,target,round,figure,goal,met\n");
        for (Target target : result.targets()) {
            List<Double> figures = result.figures(target);
            for (int i = 0; i < figures.size(); i++) {
                lines.append(String.join(",", result.id(), result.started().toOffsetDateTime().toString(), quote(target.label()),
                    Integer.toString(i + 1), number(figures.get(i)), quote(target.describe()),
                    Boolean.toString(target.met(figures.get(i))))).append('\n');
            }
        }
        Files.writeString(targets, lines, StandardCharsets.UTF_8);
        return List.of(samples, targets);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
