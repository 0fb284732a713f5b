package io.tidemark.connect.systemtest.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.ShopPipeline;
import io.tidemark.connect.systemtest.stack.FreePorts;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import io.tidemark.connect.systemtest.workload.ShopWorkload;
import io.tidemark.connect.systemtest.workload.WorkloadSummary;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker started with the Prometheus JMX exporter's Java agent and the rules of
 * {@code config-examples/monitoring/prometheus-jmx-exporter.yml}, as the README tells operators to, runs the shop
 * pipeline (CDC source, PostgreSQL sink with two tasks) through a workload. Its {@code /metrics} endpoint carries
 * every metric the rules define, with the labels connector, task and table, topic, partition where they apply, and
 * the counters move with the workload. Every query of the Grafana dashboard in the same folder names a metric that
 * scrape saw.
 */
@ExtendWith(LocalStackExtension.class)
class PrometheusExporterIT {

    private static final Path MONITORING = Path.of("..", "config-examples", "monitoring");
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern METRIC = Pattern.compile("\\b((?:tidemark|kafka_connect)_[a-z0-9_]+)\\b");

    /** Each metric of the rules, with the labels it must carry. */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
        Map.entry("tidemark_sink_rows_total", List.of("connector", "task", "action")),
        Map.entry("tidemark_sink_flushes_total", List.of("connector", "task")),
        Map.entry("tidemark_sink_flush_failures_total", List.of("connector", "task")),
        Map.entry("tidemark_sink_dlq_records_total", List.of("connector", "task")),
        Map.entry("tidemark_sink_flush_duration_seconds", List.of("connector", "task", "which")),
        Map.entry("tidemark_sink_buffered_records", List.of("connector", "task")),
        Map.entry("tidemark_sink_buffered_bytes", List.of("connector", "task")),
        Map.entry("tidemark_sink_uncommitted_records", List.of("connector", "task")),
        Map.entry("tidemark_sink_assigned_partitions", List.of("connector", "task")),
        Map.entry("tidemark_sink_unassigned_seconds", List.of("connector", "task")),
        Map.entry("tidemark_sink_table_newest_change_age_seconds", List.of("connector", "task", "table")),
        Map.entry("tidemark_sink_table_oldest_buffered_age_seconds", List.of("connector", "task", "table")),
        Map.entry("tidemark_sink_table_changes_written_total", List.of("connector", "task", "table")),
        Map.entry("tidemark_sink_partition_unwritten_records", List.of("connector", "task", "topic", "partition")),
        Map.entry("kafka_connect_sink_consumer_lag_records", List.of("connector", "task", "topic", "partition")),
        Map.entry("tidemark_source_slot_lag_bytes", List.of("connector", "task")),
        Map.entry("tidemark_source_slot_retained_wal_bytes", List.of("connector", "task")),
        Map.entry("tidemark_source_since_last_record_seconds", List.of("connector", "task")),
        Map.entry("tidemark_source_records_total", List.of("connector", "task")),
        Map.entry("tidemark_source_debezium_behind_source_seconds", List.of("connector", "task")),
        Map.entry("tidemark_source_debezium_events_seen_total", List.of("connector", "task")),
        Map.entry("tidemark_source_debezium_connected", List.of("connector", "task")),
        Map.entry("kafka_connect_connector_failed_tasks", List.of("connector")));

    /** Counters that must grow while the workload runs. */
    private static final List<String> MOVING = List.of("tidemark_sink_rows_total", "tidemark_sink_flushes_total",
        "tidemark_sink_table_changes_written_total", "tidemark_source_records_total", "tidemark_source_debezium_events_seen_total");

    @Test
    void theExporterRulesTurnEveryMetricIntoALabelledSeriesThatMovesWithTheWorkload(LocalStack stack) throws Exception {
        int port = FreePorts.next();
        Path rules = MONITORING.resolve("prometheus-jmx-exporter.yml").toAbsolutePath().normalize();
        // The agent is a JVM option, which a running cluster's workers cannot take: a cluster of its own.
        ConnectWorker worker = stack.startWorkerInNewGroup("tidemark-prometheus", Map.of(),
            List.of("-javaagent:" + agentJar() + "=" + port + ":" + rules));
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/metrics");
        TestNames names = TestNames.of("prometheus");
        PostgresWarehouse warehouse = PostgresWarehouse.create(stack.warehousePostgres(), names.prefix(), stack.secrets(),
            LocalStack.WAREHOUSE_PASSWORD_KEY);
        try (ShopPipeline pipeline = ShopPipeline.isolated(stack, names, "prometheus-hmac-secret-0123456789")) {
            pipeline.useWorker(worker);
            pipeline.createShop(40, 80);
            pipeline.createTopics(3);
            pipeline.startSource();
            String source = pipeline.sourceConnector();
            ShopPipeline.Sink sink = pipeline.startSink(names.connector("sink"), "sink-postgres.json", warehouse);
            PrometheusScrape first;
            WorkloadSummary summary;
            try (ShopWorkload workload = pipeline.startWorkload(ShopWorkload.Settings.defaults())) {
                Await.until("the sink's first flushes", TIMEOUT, () -> PrometheusScrape.of(endpoint).sum("tidemark_sink_flushes_total") > 0);
                first = PrometheusScrape.of(endpoint);
                Await.until("100 transactions", TIMEOUT, () -> workload.progress().transactions() >= 100);
                summary = workload.stop();
            }
            pipeline.awaitCaughtUp(summary, List.of(sink));
            PrometheusScrape last = PrometheusScrape.of(endpoint);

            for (Map.Entry<String, List<String>> metric : EXPECTED.entrySet()) {
                List<PrometheusScrape.Sample> series = last.named(metric.getKey());
                assertThat(series).as("series of %s (the scrape had: %s)", metric.getKey(), last.names()).isNotEmpty();
                assertThat(series).as("labels of %s", metric.getKey())
                    .allSatisfy(sample -> assertThat(sample.labels()).containsKeys(metric.getValue().toArray(String[]::new)));
                String connector = metric.getKey().startsWith("tidemark_source_") ? source : sink.name();
                if (!metric.getKey().startsWith("kafka_connect_connector_")) {
                    assertThat(series).extracting(sample -> sample.labels().get("connector")).as("connector of %s", metric.getKey())
                        .contains(connector);
                }
            }
            assertThat(last.named("tidemark_sink_flushes_total")).extracting(sample -> sample.labels().get("task"))
                .as("both sink tasks").contains("0", "1");
            assertThat(last.named("tidemark_sink_table_changes_written_total")).extracting(sample -> sample.labels().get("table"))
                .as("tables").anySatisfy(table -> assertThat(table).endsWith(".customers"))
                .anySatisfy(table -> assertThat(table).endsWith(".orders"));
            for (String counter : MOVING) {
                assertThat(last.sum(counter)).as("%s grew with the workload", counter).isGreaterThan(first.sum(counter));
            }
            assertThat(last.named("tidemark_sink_table_newest_change_age_seconds"))
                .as("every table's newest merged change has an age").allSatisfy(sample -> assertThat(sample.value()).isNotNegative());
            assertThat(last.named("tidemark_source_slot_lag_bytes")).allSatisfy(sample -> assertThat(sample.value()).isNotNegative());
            assertThat(last.named("tidemark_source_debezium_connected")).allSatisfy(sample -> assertThat(sample.value()).isEqualTo(1.0));

            assertDashboardNamesOnly(last.names());
        } finally {
            worker.stop();
        }
    }

    /** Every query of the Grafana dashboard names only metrics the scrape saw. */
    private static void assertDashboardNamesOnly(Set<String> scraped) throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        assertThat(queries).as("queries in the dashboard").hasSizeGreaterThanOrEqualTo(dashboard.get("panels").size());
        Set<String> named = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC.matcher(query);
            boolean any = false;
            while (metric.find()) {
                named.add(metric.group(1));
                any = true;
            }
            assertThat(any).as("query %s names a Tidemark metric", query).isTrue();
        }
        assertThat(scraped).as("metrics the dashboard's queries name").containsAll(named);
    }

    private static String agentJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> new File(entry).getName().startsWith("jmx_prometheus_javaagent"))
            .filter(entry -> Files.isRegularFile(Path.of(entry)))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("jmx_prometheus_javaagent is not on the test class path"));
    }
}
