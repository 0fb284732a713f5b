package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static io.tidemark.connect.source.testing.Records.keyField;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.replication.LogSequenceNumber;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * A task stopped mid-stream and a new one started on the same offsets (what a connector or worker
 * restart does): nothing committed is lost or sent again, only the uncommitted tail is, and the
 * replication slot never confirms a change whose offset Connect has not committed.
 */
class RestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "restart.public.ledger";
    private static final String HEARTBEATS = "__debezium-heartbeat.restart";

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void aRestartResendsOnlyTheUncommittedChangesAndTheSlotFollowsCommits() throws Exception {
        server.execute("CREATE TABLE public.ledger (id INT PRIMARY KEY, amount INT)",
                "INSERT INTO public.ledger SELECT g, g FROM generate_series(1, 3) g");
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "restart", "public\\.ledger"));
        // Debezium confirms to the slot the last commit it had read when the committed records were made,
        // so a committed transaction is confirmed once a later message (here a heartbeat's) was read too.
        config.put("heartbeat.interval.ms", "100");
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();

        List<Integer> firstRun = new ArrayList<>();
        List<Integer> uncommitted = new ArrayList<>();
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 3, TIMEOUT, "the snapshot");
            runner.commit();
            insert(4, 6);
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 6 && HEARTBEATS.equals(last(records).topic()),
                    TIMEOUT, "rows 4-6 and a heartbeat after them");
            long lastCommittedPosition = value(last(changesOn(runner.received(), TOPIC))).getInt64("__position");
            runner.commit();
            // Debezium confirms the committed LSN to the slot on the poll after commit(), and the server
            // shows it once the walsender read the status update: wait for the position itself, not for
            // any advance (the confirmation of the snapshot's commit may only show up now).
            runner.pollUntil(records -> confirmedFlushLsn() >= lastCommittedPosition, TIMEOUT,
                    "the slot to confirm the committed changes");

            insert(7, 9);
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 9, TIMEOUT, "rows 7-9");
            long firstUncommittedPosition = value(changesOn(runner.uncommitted(), TOPIC).get(0)).getInt64("__position");
            for (int i = 0; i < 20; i++) {
                runner.pollOnce();
            }
            assertThat(confirmedFlushLsn()).as("the slot does not move past uncommitted changes")
                    .isLessThan(firstUncommittedPosition);
            changesOn(runner.received(), TOPIC).forEach(record -> firstRun.add(id(record)));
            changesOn(runner.uncommitted(), TOPIC).forEach(record -> uncommitted.add(id(record)));
        }
        assertThat(firstRun).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(uncommitted).containsExactly(7, 8, 9);

        insert(10, 12);
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, offsets).start()) {
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, TOPIC).stream().anyMatch(record -> id(record) == 12),
                    TIMEOUT, "row 12 after the restart");
            List<Integer> secondRun = changesOn(records, TOPIC).stream().map(RestartTest::id).toList();
            assertThat(secondRun).as("only the uncommitted tail is sent again, then what followed")
                    .containsExactly(7, 8, 9, 10, 11, 12);
            assertThat(changesOn(records, TOPIC)).allSatisfy(record ->
                    assertThat(value(record).getString("__op")).isEqualTo("c"));
        }
    }

    private static void insert(int from, int to) {
        server.execute("INSERT INTO public.ledger SELECT g, g * 10 FROM generate_series(" + from + ", " + to + ") g");
    }

    private static long confirmedFlushLsn() {
        Object lsn = server.query("SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots "
                + "WHERE slot_name = 'restart'").get(0).get("lsn");
        return LogSequenceNumber.valueOf((String) lsn).asLong();
    }

    private static int id(SourceRecord record) {
        return (Integer) keyField(record, "id");
    }

    private static SourceRecord last(List<SourceRecord> records) {
        return records.get(records.size() - 1);
    }
}
