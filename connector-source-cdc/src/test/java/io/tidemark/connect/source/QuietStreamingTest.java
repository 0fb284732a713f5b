package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * Streaming thousands of changes, and doing it again in a second task started in the same JVM (a worker
 * restarting or rebalancing a task), logs no WARN or ERROR from Debezium or from us: in particular not
 * Debezium's "Failed to add measurement event to queue, queue is full", once per change.
 */
class QuietStreamingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ROWS = 10000;

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureWarnings() {
        appender = new AbstractAppender("warnings", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String logger = event.getLoggerName();
                if (event.getLevel().isMoreSpecificThan(Level.WARN) && (logger.startsWith("io.debezium") || logger.startsWith("io.tidemark"))) {
                    warnings.add(event.getLevel() + " " + logger + ": " + event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }

    @Test
    void streamingThousandsOfChangesTwiceInOneJvmLogsNoWarning() throws Exception {
        server.execute("CREATE TABLE public.quiet (id INT PRIMARY KEY, amount INT)");
        Map<String, String> config = SourceConfigs.capturing(server, "quiet", "public\\.quiet");
        var offsets = TaskRunner.newOffsetStore();
        for (int run = 0; run < 2; run++) {
            int first = run * ROWS + 1;
            try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, offsets).start()) {
                // One transaction per 100 rows: streamed changes, each measured by Debezium's streaming metrics.
                for (int from = first; from < first + ROWS; from += 5000) {
                    server.execute("INSERT INTO public.quiet SELECT g, g FROM generate_series(" + from + ", " + (from + 4999) + ") g");
                }
                int expected = (run + 1) * ROWS;
                runner.pollUntil(records -> changesOn(records, "quiet.public.quiet").size() >= ROWS, TIMEOUT,
                        "run " + run + ": rows up to " + expected);
                runner.commit();
            }
        }
        assertThat(warnings).as("WARN and ERROR lines from Debezium and Tidemark").isEmpty();
    }
}
