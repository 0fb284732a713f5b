package io.tidemark.connect.systemtest.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark runner: {@code BenchMain <benchmark>[,<benchmark>...]|all [key=value ...]}, run by
 * {@code mvn -B -Pbench -pl system-tests -am package -DskipTests -Dbench=<benchmark>} (see the pom's bench
 * profile). Each benchmark prints its tables and writes {@code <id>.csv}, {@code <id>-targets.csv} and
 * {@code <id>.png} into system-tests/target/bench/, and (unless {@code readme=false}) its section of the
 * README's Performance chapter and docs/performance/{@code <id>.png}.
 */
public final class BenchMain {

    private static final Map<String, Benchmark> BENCHMARKS = benchmarks();

    private BenchMain() {
    }

    private static Map<String, Benchmark> benchmarks() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark benchmark : List.<Benchmark>of(new SinkEndToEndBenchmark(), new SinkAvroEndToEndBenchmark(), new WriterBenchmark(),
            new SourceBenchmark(), new MariaDbSourceBenchmark(), new SmtBenchmark(), new EndToEndLatencyBenchmark())) {
            all.put(benchmark.id(), benchmark);
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].isBlank()) {
            usage(System.err);
            System.exit(2);
        }
        List<Benchmark> selected = select(args[0]);
        BenchOptions options = BenchOptions.parse(Arrays.asList(args).subList(1, args.length));
        Path root = Path.of(System.getProperty("tidemark.root", "..")).toAbsolutePath().normalize();
        Path peers = Path.of(System.getProperty("tidemark.peer.plugins", "target/peer-plugins")).toAbsolutePath().normalize();
        BenchContext context = new BenchContext(options, root, peers, root.resolve("system-tests").resolve("target").resolve("bench"),
            System.out);
        Machine machine = Machine.current();
        System.out.println("Tidemark benchmarks on " + machine + ", load average " + LoadAverage.now());
        for (Benchmark benchmark : selected) {
            System.out.println();
            System.out.println("==== " + benchmark.id());
            for (BenchResult result : benchmark.run(context)) {
                report(context, machine, benchmark, result);
            }
        }
    }

    private static void report(BenchContext context, Machine machine, Benchmark benchmark, BenchResult result) throws Exception {
        String command = command(benchmark, context.options());
        String markdown = ResultTable.markdown(result, machine, command);
        System.out.println();
        System.out.println("#### " + result.title());
        System.out.println(markdown);
        List<Path> files = new ArrayList<>(CsvFiles.write(result, context.outputDir()));
        Path chart = BenchChart.write(result, context.outputDir());
        files.add(chart);
        System.out.println("Wrote " + files);
        if (context.options().flag("readme", true)) {
            ReadmePerformance.update(context.projectRoot(), result, markdown, chart);
            System.out.println("Updated README.md (Performance: " + result.id() + ") and docs/performance/" + chart.getFileName());
        }
    }

    /** The command that reproduces this result, for the README. */
    private static String command(Benchmark benchmark, BenchOptions options) {
        String extra = options.asArguments();
        return "mvn -B -Pbench -pl system-tests -am package -DskipTests -Dbench=" + benchmark.id()
            + (extra.isEmpty() ? "" : " -Dbench.options=\"" + extra + "\"");
    }

    private static List<Benchmark> select(String names) {
        if (names.equals("all")) {
            return List.copyOf(BENCHMARKS.values());
        }
        List<Benchmark> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            Benchmark benchmark = BENCHMARKS.get(name.trim());
            if (benchmark == null) {
                throw new IllegalArgumentException("Unknown benchmark '" + name + "'; known: " + BENCHMARKS.keySet() + " or all");
            }
            selected.add(benchmark);
        }
        return selected;
    }

    private static void usage(PrintStream out) {
        out.println("Usage: BenchMain <benchmark>[,<benchmark>...]|all [key=value ...]");
        out.println("Benchmarks: " + BENCHMARKS.keySet());
        BenchOptions.KNOWN.forEach((key, doc) -> out.println("  " + key + ": " + doc));
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
