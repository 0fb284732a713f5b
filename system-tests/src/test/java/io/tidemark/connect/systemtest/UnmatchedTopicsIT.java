package io.tidemark.connect.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The silent failure of a first setup: a sink whose topics.regex matches no topic is RUNNING and
 * writes nothing. After {@code unassigned.warn.ms} its first task logs a WARN naming the pattern.
 */
@ExtendWith(LocalStackExtension.class)
class UnmatchedTopicsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aSinkWhosePatternMatchesNoTopicWarnsNamingThePattern(LocalStack stack) throws Exception {
        TestNames names = TestNames.of("unmatched");
        PostgresWarehouse warehouse = PostgresWarehouse.create(stack.warehousePostgres(), names.prefix(), stack.secrets(),
            LocalStack.WAREHOUSE_PASSWORD_KEY);
        String pattern = names.topicPrefix() + "\\.public\\..*";
        ConnectorConfigExample example = stack.environment().apply(stack.configExamples().load("sink-postgres.json"));
        Map<String, String> config = new LinkedHashMap<>(example.withOverrides(warehouse.sinkOverrides(example))
            .withOverrides(Map.of("topics.regex", pattern)).config());
        config.put("unassigned.warn.ms", "3000");
        String connector = names.connector("sink");
        stack.connect().createConnector(connector, config);
        try {
            Await.until(connector + " RUNNING", TIMEOUT, () -> stack.connect().status(connector).isRunning());
            String expected = "Connector " + connector + ": task 0 has been assigned no partition for ";
            String log = Await.value("the WARN of " + connector + " in " + stack.worker().logFile(), TIMEOUT,
                () -> Files.readString(stack.worker().logFile(), StandardCharsets.UTF_8), text -> text.contains(expected));
            String line = log.lines().filter(text -> text.contains(expected)).findFirst().orElseThrow();
            assertThat(line).contains("WARN").contains("topics.regex '" + pattern + "' matches no topic")
                .contains("kafka-topics.sh --list");
        } finally {
            stack.connect().deleteConnector(connector);
        }
    }
}
