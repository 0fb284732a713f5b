package io.tidemark.connect.source.mariadb;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static io.tidemark.connect.source.testing.Records.keyField;
import static io.tidemark.connect.source.testing.Records.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.tidemark.connect.source.testing.MariaDbServer;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * Binlog rotation, a server restart and task restarts on the same offsets, between and inside
 * transactions: nothing committed is lost, what is sent again is exactly the uncommitted tail, and
 * {@code __position} keeps growing across binlog files.
 */
class MariaDbRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "restart.bank.ledger";

    @RegisterExtension
    static final MariaDbServer server = MariaDbServer.forCdc();

    @TempDir
    Path history;

    @Test
    void rotationServerRestartAndTaskRestartLoseNothingAndResendOnlyTheUncommittedTail() throws Exception {
        server.execute("CREATE DATABASE bank", "CREATE TABLE bank.ledger (id INT PRIMARY KEY, amount INT)",
                "INSERT INTO bank.ledger VALUES (1, 1), (2, 2), (3, 3)");
        Map<String, String> config = server.capturing("restart", "bank\\.ledger",
                history.resolve("history.dat").toString(), 5501);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();

        List<SourceRecord> firstRun;
        List<Integer> uncommitted;
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 3, TIMEOUT, "the snapshot");
            runner.commit();
            insert(4, 6);
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 6, TIMEOUT, "rows 4-6");
            runner.commit();
            server.execute("FLUSH BINARY LOGS");
            insert(7, 9);
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 9, TIMEOUT, "rows 7-9");
            firstRun = List.copyOf(changesOn(runner.received(), TOPIC));
            uncommitted = changesOn(runner.uncommitted(), TOPIC).stream().map(MariaDbRestartTest::id).toList();
        }
        assertThat(firstRun).extracting(MariaDbRestartTest::id).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(uncommitted).containsExactly(7, 8, 9);
        assertThat(position(firstRun.get(6)) >>> 32).as("rows 7-9 are in the next binlog file")
                .isEqualTo((position(firstRun.get(5)) >>> 32) + 1);
        assertPositionsGrow(firstRun.subList(3, 9));

        server.restart();
        insert(10, 12);
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, TOPIC).stream().anyMatch(record -> id(record) == 12),
                    TIMEOUT, "row 12 after the restarts");
            List<SourceRecord> secondRun = changesOn(records, TOPIC);
            assertThat(secondRun).extracting(MariaDbRestartTest::id)
                    .as("only the uncommitted tail is sent again, then what followed")
                    .containsExactly(7, 8, 9, 10, 11, 12);
            assertThat(secondRun).allSatisfy(record -> assertThat(value(record).getString("__op")).isEqualTo("c"));
            assertThat(secondRun.subList(0, 3)).extracting(MariaDbRestartTest::position)
                    .as("a resent change keeps its position")
                    .containsExactlyElementsOf(firstRun.subList(6, 9).stream().map(MariaDbRestartTest::position).toList());
            assertThat(position(secondRun.get(3)) >>> 32).as("the restarted server writes a new binlog file")
                    .isGreaterThan(position(secondRun.get(2)) >>> 32);
            assertPositionsGrow(secondRun);
        }
    }

    @Test
    void aRestartInsideATransactionLosesNothing() throws Exception {
        server.execute("CREATE DATABASE IF NOT EXISTS shop", "CREATE TABLE shop.stock (id INT PRIMARY KEY, qty INT)");
        Map<String, String> config = server.capturing("midtx", "shop\\.stock",
                history.resolve("history.dat").toString(), 5502);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();
        String topic = "midtx.shop.stock";

        List<Integer> committed;
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(records -> true, TIMEOUT, "the start");
            server.execute("BEGIN", "INSERT INTO shop.stock VALUES (1, 1), (2, 2), (3, 3)",
                    "INSERT INTO shop.stock VALUES (4, 4)", "INSERT INTO shop.stock VALUES (5, 5), (6, 6)", "COMMIT");
            runner.pollUntil(records -> changesOn(records, topic).size() == 6, TIMEOUT, "the transaction");
            // Commit only up to the middle of the transaction's first event, as a worker may.
            List<SourceRecord> received = List.copyOf(runner.received());
            int cut = received.indexOf(changesOn(received, topic).get(1)) + 1;
            runner.received().subList(cut, runner.received().size()).clear();
            runner.commit();
            committed = changesOn(runner.received(), topic).stream().map(MariaDbRestartTest::id).toList();
        }
        assertThat(committed).containsExactly(1, 2);

        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, topic).stream().anyMatch(record -> id(record) == 6),
                    TIMEOUT, "the rest of the transaction");
            assertThat(changesOn(records, topic)).extracting(MariaDbRestartTest::id)
                    .as("resumes exactly after the committed row of the event")
                    .containsExactly(3, 4, 5, 6);
        }
    }

    /**
     * Debezium's MySQL connector does not see MariaDB's transaction starts: it resumes a transaction from its
     * beginning and skips, in its first event, as many rows as the committed offset counts in the event it
     * was in, so rows 2-4 come from Debezium again; the task drops them, and only the uncommitted tail (5, 6)
     * is sent.
     */
    @Test
    void aRestartAfterALaterEventOfATransactionSendsOnlyItsUncommittedTail() throws Exception {
        Map<String, String> config = transactionTable("latertx", "shop2", 5503);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();
        String topic = "latertx.shop2.stock";
        firstRunCommittingUpTo(config, offsets, "shop2", topic, 4);

        assertThat(runUntilRow6(config, offsets, topic)).as("rows 1-4 were committed").containsExactly(5, 6);
    }

    @Test
    void aRestartAfterTheLastChangeOfATransactionSendsNoneOfItAgain() throws Exception {
        Map<String, String> config = transactionTable("wholetx", "shop3", 5504);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();
        String topic = "wholetx.shop3.stock";
        firstRunCommittingUpTo(config, offsets, "shop3", topic, 6);
        server.execute("INSERT INTO shop3.stock VALUES (7, 7)");

        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, topic).stream().anyMatch(record -> id(record) == 7),
                    TIMEOUT, "row 7");
            assertThat(changesOn(records, topic)).extracting(MariaDbRestartTest::id).containsExactly(7);
        }
    }

    /** The second restart resumes on an offset the first restarted task wrote, numbered from its dump start. */
    @Test
    void twoRestartsInsideOneTransactionSendEachChangeOnce() throws Exception {
        Map<String, String> config = transactionTable("twicetx", "shop4", 5505);
        OffsetBackingStore offsets = TaskRunner.newOffsetStore();
        String topic = "twicetx.shop4.stock";
        firstRunCommittingUpTo(config, offsets, "shop4", topic, 2);

        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(received -> changesOn(received, topic).stream().anyMatch(record -> id(record) == 6),
                    TIMEOUT, "the rest of the transaction");
            assertThat(changesOn(runner.received(), topic)).extracting(MariaDbRestartTest::id)
                    .containsExactly(3, 4, 5, 6);
            commitUpTo(runner, topic, 5);
        }

        assertThat(runUntilRow6(config, offsets, topic)).containsExactly(6);
    }

    /** A table whose one transaction writes rows 1-3, 4 and 5-6 in three row events. */
    private Map<String, String> transactionTable(String prefix, String database, int serverId) {
        server.execute("CREATE DATABASE IF NOT EXISTS " + database,
                "CREATE TABLE " + database + ".stock (id INT PRIMARY KEY, qty INT)");
        return server.capturing(prefix, database + "\\.stock", history.resolve(prefix + ".dat").toString(), serverId);
    }

    private static void firstRunCommittingUpTo(Map<String, String> config, OffsetBackingStore offsets, String database,
            String topic, int lastCommitted) throws Exception {
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            runner.pollUntil(records -> true, TIMEOUT, "the start");
            server.execute("BEGIN", "INSERT INTO " + database + ".stock VALUES (1, 1), (2, 2), (3, 3)",
                    "INSERT INTO " + database + ".stock VALUES (4, 4)",
                    "INSERT INTO " + database + ".stock VALUES (5, 5), (6, 6)", "COMMIT");
            runner.pollUntil(records -> changesOn(records, topic).size() == 6, TIMEOUT, "the transaction");
            commitUpTo(runner, topic, lastCommitted);
        }
    }

    /** Commits the received records up to the change of row {@code id}, as a worker may, and drops the rest. */
    private static void commitUpTo(TaskRunner runner, String topic, int id) throws Exception {
        List<SourceRecord> received = List.copyOf(runner.received());
        SourceRecord last = changesOn(received, topic).stream().filter(record -> id(record) == id).findFirst()
                .orElseThrow();
        runner.received().subList(received.indexOf(last) + 1, runner.received().size()).clear();
        runner.commit();
    }

    private static List<Integer> runUntilRow6(Map<String, String> config, OffsetBackingStore offsets, String topic)
            throws Exception {
        try (TaskRunner runner = new TaskRunner(new MariaDbCdcSourceTask(), config, offsets).start()) {
            List<SourceRecord> records = runner.pollUntil(
                    received -> changesOn(received, topic).stream().anyMatch(record -> id(record) == 6),
                    TIMEOUT, "the rest of the transaction");
            return changesOn(records, topic).stream().map(MariaDbRestartTest::id).toList();
        }
    }

    private static void insert(int from, int to) {
        for (int id = from; id <= to; id++) {
            server.execute("INSERT INTO bank.ledger VALUES (" + id + ", " + id * 10 + ")");
        }
    }

    private static void assertPositionsGrow(List<SourceRecord> changes) {
        for (int i = 1; i < changes.size(); i++) {
            assertThat(position(changes.get(i))).as("__position of row %s", id(changes.get(i)))
                    .isGreaterThan(position(changes.get(i - 1)));
        }
    }

    private static long position(SourceRecord record) {
        return value(record).getInt64("__position");
    }

    private static int id(SourceRecord record) {
        return (Integer) keyField(record, "id");
    }
}
