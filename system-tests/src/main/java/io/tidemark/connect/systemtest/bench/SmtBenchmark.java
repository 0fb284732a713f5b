package io.tidemark.connect.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmark 4, the SMTs: smt-routing's own JMH benchmarks (src/jmh/java there, compiled into this module by the
 * bench profile), run once per round through JMH's API, so the rounds alternate our transforms and Kafka's
 * built-ins like every other benchmark. Each round's JMH JSON output (target/bench/jmh-round-N.json) is what the
 * tables are made from. Time per record, lower is better.
 */
public final class SmtBenchmark implements Benchmark {

    private static final String PACKAGE = "io.tidemark.connect.smt.bench.";
    private static final String REGEX_ROUTER = "Kafka RegexRouter";
    private static final String ROUTER_REGEX = "TopicRouter, the same regex groups";
    private static final String MASK_FIELD = "Kafka MaskField";
    private static final String MASK_REDACT = "MaskFields redact";

    /** JMH benchmark method to contender name, per result. */
    private static final Map<String, String> ROUTING = names(
        "TopicRoutingBenchmark.regexRouter", REGEX_ROUTER,
        "TopicRoutingBenchmark.topicRouterRegexGroups", ROUTER_REGEX,
        "TopicRoutingBenchmark.topicRouterCdcHeaders", "TopicRouter by the CDC source's table headers",
        "TopicRoutingBenchmark.topicRouterValueField", "TopicRouter by a value field (lower-cased)");
    private static final Map<String, String> MASKING = names(
        "MaskingBenchmark.kafkaMaskField", MASK_FIELD,
        "MaskingBenchmark.maskFieldsRedact", MASK_REDACT,
        "MaskingBenchmark.maskFieldsPartial", "MaskFields partial",
        "MaskingBenchmark.maskFieldsHmac", "MaskFields hmac (HMAC-SHA-256)");

    @Override
    public String id() {
        return "smt";
    }

    @Override
    public List<BenchResult> run(BenchContext context) throws Exception {
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage load = LoadAverage.now();
        long start = System.nanoTime();
        Files.createDirectories(context.outputDir());
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= context.rounds(); round++) {
            Path json = context.outputDir().resolve("jmh-round-" + round + ".json");
            context.log().println("-- JMH round " + round + " of " + context.rounds() + " (results: " + json + ")");
            new Runner(options(context, json)).run();
            samples.addAll(read(json, round));
        }
        String jmh = String.format(java.util.Locale.ROOT, "JMH %s: average time per record, %d fork(s) per round, %d warm-up and %d "
            + "measured iterations of %d s, one record at a time from 1,024 prepared 20-field Struct records (8 tables).",
            org.openjdk.jmh.util.Version.getPlainVersion(), context.options().integer("jmh.forks", 1),
            context.options().integer("jmh.warmups", 3), context.options().integer("jmh.iterations", 5),
            context.options().integer("jmh.seconds", 1));
        List<String> routingSetup = List.of(jmh, "RegexRouter and TopicRouter with topic.regex map pg.public.tN to cdc_public_tN the "
            + "same way: the like-for-like pair. The other two route by content, which RegexRouter cannot do.");
        List<String> maskingSetup = List.of(jmh, "All mask the same three string fields (email, phone, card). redact with a fixed "
            + "replacement is what MaskField does: the like-for-like pair. partial and hmac show what their extra work costs.");
        return List.of(
            result("smt-routing", "Routing SMTs: TopicRouter vs Kafka's RegexRouter", ROUTING, samples,
                Target.ratioAtMost("TopicRouter / RegexRouter (time per record)", ROUTER_REGEX, REGEX_ROUTER, 1.5),
                routingSetup, started, load, start),
            result("smt-masking", "Masking SMTs: MaskFields vs Kafka's MaskField", MASKING, samples,
                Target.ratioAtMost("MaskFields redact / MaskField (time per record)", MASK_REDACT, MASK_FIELD, 1.5),
                maskingSetup, started, load, start));
    }

    private static Options options(BenchContext context, Path json) {
        return new OptionsBuilder()
            .include(PACKAGE.replace(".", "\\.") + ".*")
            .forks(context.options().integer("jmh.forks", 1))
            .warmupIterations(context.options().integer("jmh.warmups", 3))
            .measurementIterations(context.options().integer("jmh.iterations", 5))
            .warmupTime(TimeValue.seconds(context.options().integer("jmh.seconds", 1)))
            .measurementTime(TimeValue.seconds(context.options().integer("jmh.seconds", 1)))
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .shouldFailOnError(true)
            .build();
    }

    /** One sample per JMH benchmark of the round's JSON output (score in ns/op). */
    private static List<Sample> read(Path json, int round) throws Exception {
        List<Sample> samples = new ArrayList<>();
        LoadAverage load = LoadAverage.now();
        for (JsonNode benchmark : new ObjectMapper().readTree(json.toFile())) {
            String method = benchmark.path("benchmark").asText().replace(PACKAGE, "");
            String name = ROUTING.containsKey(method) ? ROUTING.get(method) : MASKING.get(method);
            if (name == null) {
                continue;
            }
            JsonNode metric = benchmark.path("primaryMetric");
            if (!"ns/op".equals(metric.path("scoreUnit").asText())) {
                throw new IllegalStateException(method + " reports " + metric.path("scoreUnit").asText() + ", expected ns/op");
            }
            samples.add(new Sample(name, round, metric.path("score").asDouble(), Double.NaN, Double.NaN, -1, null, load));
        }
        return samples;
    }

    private static BenchResult result(String id, String title, Map<String, String> contenders, List<Sample> all, Target target,
                                      List<String> setup, ZonedDateTime started, LoadAverage load, long start) {
        List<Sample> samples = all.stream().filter(sample -> contenders.containsValue(sample.contender())).toList();
        return new BenchResult(id, title, "ns/record", false, List.copyOf(contenders.values()), samples, List.of(target), setup,
            started, load, BenchMain.since(start));
    }

    private static Map<String, String> names(String... pairs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }
}
