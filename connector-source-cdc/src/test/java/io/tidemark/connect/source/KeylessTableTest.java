package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.atLeast;
import static io.tidemark.connect.source.testing.Records.onTopic;
import static io.tidemark.connect.source.testing.Records.opsAndKeys;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/** A table without a primary key never becomes a keyless topic. */
class KeylessTableTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE public.events (event_id BIGINT NOT NULL, kind TEXT)",
                "ALTER TABLE public.events REPLICA IDENTITY FULL",
                "INSERT INTO public.events VALUES (1, 'open'), (2, 'close')",
                "CREATE TABLE public.audit (at TIMESTAMPTZ, what TEXT)");
    }

    @Test
    void aTableWithoutPrimaryKeyOrKeyColumnsIsRefusedAtStartByName() {
        Map<String, String> config = SourceConfigs.capturing(server, "keyless", "public\\.events");
        TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, TaskRunner.newOffsetStore());

        assertThatThrownBy(runner::start)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Table public.events has no primary key")
                .hasMessageContaining("message.key.columns");
        assertThat(server.query("SELECT 1 FROM pg_replication_slots WHERE slot_name = 'keyless'"))
                .as("refused before Debezium created anything").isEmpty();
    }

    @Test
    void keyColumnsWithoutReplicaIdentityAreRefusedBecausePostgresWouldRejectUpdates() {
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "keyless_default", "public\\.audit"));
        config.put("message.key.columns", "public.audit:at");
        TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, TaskRunner.newOffsetStore());

        assertThatThrownBy(runner::start)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("ALTER TABLE public.audit REPLICA IDENTITY FULL");
    }

    @Test
    void theSameTableWithKeyColumnsIsKeyedByThem() throws Exception {
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "keyed", "public\\.events"));
        config.put("message.key.columns", "public.events:event_id");
        String topic = "keyed.public.events";

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(atLeast(2, topic), TIMEOUT, "the snapshot");
            server.execute("UPDATE public.events SET kind = 'reopen' WHERE event_id = 2",
                    "DELETE FROM public.events WHERE event_id = 1");
            List<SourceRecord> records = onTopic(runner.pollUntil(atLeast(5, topic), TIMEOUT, "the changes"), topic);

            assertThat(opsAndKeys(records, "event_id"))
                    .containsExactly("r 1", "r 2", "u 2", "d 1", "tombstone 1");
            assertThat(records.get(0).keySchema().fields()).extracting(field -> field.name())
                    .containsExactly("event_id");
            // REPLICA IDENTITY FULL: the delete carries the whole row.
            assertThat(value(records.get(3)).getString("kind")).isEqualTo("open");
        }
    }
}
