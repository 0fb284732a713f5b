package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static io.tidemark.connect.source.testing.Records.header;
import static io.tidemark.connect.source.testing.Records.keyField;
import static io.tidemark.connect.source.testing.Records.op;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * A table added to the include list after the initial snapshot gets its existing rows through an
 * incremental snapshot, started by a row in the signal table (as the README explains).
 */
class IncrementalSnapshotTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SIGNALS = "public.tidemark_signals";

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE " + SIGNALS + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                + "data VARCHAR(2048))");
    }

    @Test
    void aTableAddedLaterIsSnapshottedOnSignalWhileStreamingGoesOn() throws Exception {
        server.execute("CREATE TABLE public.first (id INT PRIMARY KEY, v TEXT)",
                "INSERT INTO public.first VALUES (1, 'a')");
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "later", "public\\.first"));
        config.put("signal.data.collection", SIGNALS);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(records -> changesOn(records, "later.public.first").size() == 1, TIMEOUT, "the snapshot");
            runner.commit();
        }

        server.execute("CREATE TABLE public.added (id INT PRIMARY KEY, v TEXT)",
                "INSERT INTO public.added SELECT g, 'row ' || g FROM generate_series(1, 50) g");
        config.put("table.include.list", "public\\.first,public\\.added");
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, offsets).start();
                Connection open = server.connect()) {
            // The task adds the table to the publication as it starts streaming; PostgreSQL publishes
            // only changes written after that.
            runner.pollUntil(records -> !server.query("SELECT 1 FROM pg_publication_tables WHERE pubname = 'later' "
                    + "AND tablename = 'added'").isEmpty(), TIMEOUT, "the publication to include the table");
            // A transaction that changes row 7 before the snapshot reads it and commits only after:
            // its update is streamed after the snapshot row and must still win downstream.
            open.setAutoCommit(false);
            try (Statement statement = open.createStatement()) {
                statement.execute("UPDATE public.added SET v = 'updated in flight' WHERE id = 7");
            }
            server.execute("INSERT INTO " + SIGNALS + " VALUES ('snapshot-added', 'execute-snapshot', "
                    + "'{\"data-collections\": [\"public.added\"], \"type\": \"incremental\"}')");
            runner.pollUntil(records -> changesOn(records, "later.public.added").size() == 50, TIMEOUT,
                    "the 50 rows of the added table");
            open.commit();
            server.execute("INSERT INTO public.first VALUES (2, 'b')");
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, "later.public.added").size() == 51
                            && changesOn(received, "later.public.first").size() == 1,
                    TIMEOUT, "the in-flight update and a new change");

            List<SourceRecord> added = changesOn(records, "later.public.added");
            assertThat(added.subList(0, 50)).allSatisfy(record -> {
                assertThat(op(record)).isEqualTo("r");
                assertThat(header(record, "tidemark.table")).isEqualTo("added");
            });
            assertThat(added.subList(0, 50).stream().map(record -> keyField(record, "id")).distinct()).hasSize(50);
            assertThat(value(added.get(6)).getString("v")).isEqualTo("row 7");

            SourceRecord inFlight = added.get(50);
            assertThat(op(inFlight)).isEqualTo("u");
            assertThat(keyField(inFlight, "id")).isEqualTo(7);
            long updatePosition = value(inFlight).getInt64("__position");
            long snapshotPosition = value(added.get(6)).getInt64("__position");
            assertThat(((Number) added.get(6).sourceOffset().get("lsn")).longValue())
                    .as("the race is real: the stream was past the update when the row was read")
                    .isGreaterThan(updatePosition);
            assertThat(updatePosition).as("the streamed update outranks the snapshot row of the same key")
                    .isGreaterThan(snapshotPosition);
            ChangeStreamTest.assertPositionGrowsPerKey(records);
        }
    }
}
