package io.tidemark.connect.smt.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.tidemark.connect.smt.route.TopicRouter;

/**
 * TopicRouter against Kafka's RegexRouter on the same records. The like-for-like pair is regexRouter vs
 * topicRouterRegexGroups (same regex, same output); the other two measure routing by content, which RegexRouter
 * cannot do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TopicRoutingBenchmark {

    private static final String REGEX = "pg\\.([^.]+)\\.([^.]+)";

    private final TwentyFieldRecords records = new TwentyFieldRecords();

    private RegexRouter<SourceRecord> regexRouter;
    private TopicRouter<SourceRecord> regexGroups;
    private TopicRouter<SourceRecord> cdcHeaders;
    private TopicRouter<SourceRecord> valueField;

    @Setup
    public void setUp() {
        regexRouter = new RegexRouter<>();
        regexRouter.configure(Map.of("regex", REGEX, "replacement", "cdc_$1_$2"));
        regexGroups = router(Map.of("topic.template", "cdc_${topic:1}_${topic:2}", "topic.regex", REGEX));
        cdcHeaders = router(Map.of("topic.template", "cdc_${source.schema}_${source.table}"));
        valueField = router(Map.of("topic.template", "cdc_${value.region|lower}_${source.table}"));
    }

    @TearDown
    public void tearDown() {
        regexRouter.close();
        regexGroups.close();
        cdcHeaders.close();
        valueField.close();
    }

    @Benchmark
    public SourceRecord regexRouter() {
        return regexRouter.apply(records.next());
    }

    @Benchmark
    public SourceRecord topicRouterRegexGroups() {
        return regexGroups.apply(records.next());
    }

    @Benchmark
    public SourceRecord topicRouterCdcHeaders() {
        return cdcHeaders.apply(records.next());
    }

    @Benchmark
    public SourceRecord topicRouterValueField() {
        return valueField.apply(records.next());
    }

    private static TopicRouter<SourceRecord> router(Map<String, String> props) {
        TopicRouter<SourceRecord> router = new TopicRouter<>();
        router.configure(props);
        return router;
    }
}
