package io.tidemark.connect.source.mariadb;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import io.debezium.connector.mysql.MySqlConnectorTask;
import io.tidemark.connect.source.Version;
import io.tidemark.connect.source.reshape.ChangeEventReshaper;
import io.tidemark.connect.source.reshape.UnchangedValues;

/**
 * Runs Debezium's {@link MySqlConnectorTask} inside this task and reshapes what it emits.
 *
 * <p>The Debezium task gets this task's own {@code SourceTaskContext}, so it reads its offsets (binlog
 * file, position, and how many events and rows of the current transaction it already emitted) from
 * Connect's offset store; there is no second one. Every record we return keeps the source partition
 * and offset of the Debezium record it came from, and {@link #commit()} and {@link #commitRecord} are
 * handed to Debezium. After a restart Debezium resumes at the start of the transaction of the last
 * committed offset; on MariaDB, whose transaction starts it does not see, it then skips only the rows the
 * offset counts, in the transaction's first row event, so part of that transaction's committed changes
 * comes again. {@link ResumedTransactionFilter} drops those before they leave the task, so only the
 * uncommitted tail is sent again, and on a worker with exactly-once source support nothing is.
 */
public final class MariaDbCdcSourceTask extends SourceTask {

    private MySqlConnectorTask debezium;
    private ChangeEventReshaper reshaper;
    private ResumedTransactionFilter resumed;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MariaDbCdcSourceConfig config = new MariaDbCdcSourceConfig(props);
        Map<String, String> debeziumProperties = MariaDbDebeziumProperties.of(config);
        BinlogServerChecks.refuseUnusableServer(config);
        // binlog_row_image=FULL (refused otherwise): every image carries every column, deletes included.
        reshaper = new ChangeEventReshaper(config.topicPrefix(), config.tombstonesOnDelete(), UnchangedValues.NONE,
                new BinlogChangeOrigin(), (database, table) -> true);
        Map<String, Object> committed = context.offsetStorageReader().offset(Map.of("server", config.topicPrefix()));
        resumed = ResumedTransactionFilter.startingAt(committed);
        debezium = new MySqlConnectorTask();
        debezium.initialize(context);
        debezium.start(debeziumProperties);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return reshaper.reshape(resumed.apply(debezium.poll()));
    }

    @Override
    public void commit() throws InterruptedException {
        debezium.commit();
    }

    /** Our records carry Debezium's source offsets, so Debezium can take them as its own. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        debezium.commitRecord(record, metadata);
    }

    @Override
    public void stop() {
        if (debezium != null) {
            debezium.stop();
        }
    }
}
