package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * The documented limit of timetz (README, Values): Debezium's pgoutput decoding converts a streamed value to
 * UTC before any converter sees it, and cannot parse an offset with seconds, which stops the task; the task
 * then says why and what to do instead of only Debezium's parse error.
 */
class TimetzLimitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "timetz.public.timetz_values";

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void aStreamedTimetzArrivesInUtcAndOneWithASecondsOffsetStopsTheTaskSayingWhyAndTheWayOut() throws Exception {
        server.execute("CREATE TABLE public.timetz_values (id INT PRIMARY KEY, t TIMETZ)");
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(),
                SourceConfigs.capturing(server, "timetz", "public.timetz_values"), TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(records -> true, TIMEOUT, "the start");
            server.execute("INSERT INTO public.timetz_values VALUES (1, '10:00:00+05')");
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 1, TIMEOUT, "the streamed row");
            assertThat(((Struct) changesOn(runner.received(), TOPIC).get(0).value()).getString("t")).isEqualTo("05:00:00Z");

            server.execute("INSERT INTO public.timetz_values VALUES (2, '12:00:00+14:59:59')");
            assertThatThrownBy(() -> runner.pollUntil(records -> changesOn(records, TOPIC).size() == 2, TIMEOUT, "the second row"))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("a timetz whose offset has seconds")
                    .hasMessageContaining("debezium.column.exclude.list");
        }
    }
}
