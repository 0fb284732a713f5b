package io.tidemark.connect.sink;

import io.tidemark.connect.sink.buffer.ChangeBuffer;
import io.tidemark.connect.sink.buffer.FlushPolicy;
import io.tidemark.connect.sink.convert.KafkaCoordinates;
import io.tidemark.connect.sink.convert.RecordConversionException;
import io.tidemark.connect.sink.convert.RecordConverter;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.TableNaming;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.Dialects;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.error.ErrantRecords;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.error.RetryPolicy;
import io.tidemark.connect.sink.metrics.WarehouseSinkTaskMetrics;
import io.tidemark.connect.sink.offsets.OffsetTracker;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.write.FlushResult;
import io.tidemark.connect.sink.write.RejectedRow;
import io.tidemark.connect.sink.write.WarehouseWriter;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Buffers records as row changes and writes them table by table. The Connect contracts it keeps:
 * preCommit returns only offsets whose rows are committed in the warehouse; a transient failure is a
 * RetriableException after {@code context.timeout(backoff)} (Connect waits and delivers the batch
 * again; records already buffered are not buffered twice); a record that cannot be written goes to the
 * errant-record reporter or fails the task naming it.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);

    private WarehouseSinkConfig config;
    private Dialect dialect;
    private RecordConverter converter;
    private ChangeBuffer buffer;
    private FlushPolicy flushPolicy;
    private final OffsetTracker offsets = new OffsetTracker();
    private WarehouseWriter writer;
    private RetryPolicy retries;
    private ErrantRecords errantRecords;
    private final WarehouseSinkTaskMetrics metrics = new WarehouseSinkTaskMetrics();
    /** Append mode: partitions whose stored offsets must be read before their records are accepted. */
    private final Set<TopicPartition> resumePending = new HashSet<>();
    /** A flush failed; the next put() after the backoff retries it whatever the thresholds say. */
    private boolean flushOwed;
    /** No flush is attempted before this time (epoch ms) after a transient failure. */
    private long retryNotBefore;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> properties) {
        config = new WarehouseSinkConfig(properties);
        try {
            dialect = Dialects.installed().select(config.dialect(), config.connection().url());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(WarehouseSinkConfig.DIALECT, config.dialect(), e.getMessage());
        }
        TableNaming naming = new TableNaming(config.tableNameFormat(), config.tableSchema(), config.identifierCase(),
                dialect.identifiers());
        converter = new RecordConverter(config.conversionRules(), naming, dialect.identifiers());
        buffer = new ChangeBuffer(config.writeMode() == WriteMode.MERGE);
        flushPolicy = new FlushPolicy(config.bufferCountRecords(), config.bufferSizeBytes(), config.bufferFlushTimeMs());
        writer = new WarehouseWriter(dialect, config.connection(), new WarehouseWriter.Settings(config.writeMode(), config.deleteMode(),
                config.autoCreate(), config.autoEvolve(), config.metadataColumns(),
                OffsetTable.in(config.tableSchema(), config.identifierCase()), config.connectorName()));
        retries = new RetryPolicy(config.maxRetries(), config.retryBackoffMs(), config.retryBackoffMaxMs());
        errantRecords = new ErrantRecords(errantRecordReporter());
        metrics.register(config.connectorName(), properties.getOrDefault(WarehouseSinkConnector.TASK_ID, "0"));
        LOG.info("Warehouse sink task started: dialect {}, write.mode {}, delete.mode {}, dead-letter queue {}", dialect.name(),
                config.writeMode(), config.deleteMode(), errantRecords.enabled() ? "enabled" : "not configured");
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no reporter.
            return null;
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
        if (config.writeMode() == WriteMode.APPEND) {
            resumePending.addAll(partitions);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        errantRecords.failIfAReportFailed();
        resumeAppendedPartitions();
        for (SinkRecord record : records) {
            KafkaCoordinates origin = KafkaCoordinates.of(record);
            if (!offsets.accept(origin)) {
                continue;
            }
            RowChange change;
            try {
                change = converter.convert(record);
            } catch (RecordConversionException e) {
                report(record, e);
                continue;
            }
            if (change != null) {
                buffer.add(change, System.currentTimeMillis());
                offsets.buffered(change.table(), origin);
                if (buffer.bytes() >= config.bufferSizeBytes()) {
                    // Memory bound: write now, even in the middle of a batch.
                    flushAll("buffer.size.bytes");
                }
            }
        }
        long now = System.currentTimeMillis();
        String reason = flushOwed ? "retry" : flushPolicy.reason(buffer, now);
        if (reason != null && now >= retryNotBefore) {
            flushAll(reason);
        }
        metrics.buffer(buffer.records(), buffer.bytes());
        askForPutWhenFlushIsDue(now);
    }

    /**
     * Connect calls put() when records arrive, and otherwise only when its poll times out, which is at the next
     * offset commit (offset.flush.interval.ms). When the input pauses, buffered changes would wait for that
     * commit rather than buffer.flush.time.ms; a shorter poll timeout (one-shot, so asked again each time) brings
     * an empty put() when the oldest buffered change is due.
     */
    private void askForPutWhenFlushIsDue(long now) {
        if (buffer.isEmpty()) {
            return;
        }
        long due = flushOwed ? retryNotBefore : buffer.oldestAddedAt() + config.bufferFlushTimeMs();
        context.timeout(Math.max(1, due - now));
    }

    /**
     * Connect commits what this returns: offsets whose records are in the warehouse (or in the dead-letter
     * queue: a report made by this flush holds its partition back until the queue has the record). A failed
     * flush here is not thrown (Connect would rewind every partition to its last commit); the next put()
     * retries it.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (!buffer.isEmpty() && System.currentTimeMillis() >= retryNotBefore) {
            try {
                flushAll("offset commit");
            } catch (ConnectException e) {
                LOG.warn("Flush before the offset commit failed; committing only what is written, put() retries: {}", e.getMessage());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(currentOffsets, errantRecords.unwritten());
        metrics.lag(offsets.lag());
        metrics.buffer(buffer.records(), buffer.bytes());
        return committable;
    }

    /**
     * Partitions are taken away. Connect called preCommit just before, so normally nothing is left; if a
     * flush failed, the unwritten changes are dropped (never committed) and the partitions this task
     * keeps are rewound to their first unwritten record, to be read again.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> floors = offsets.floors();
        if (partitions.stream().anyMatch(floors::containsKey)) {
            LOG.warn("Dropping {} unwritten records of closed partitions; they will be read again", buffer.records());
            buffer.clear();
            offsets.dropBuffered();
            floors.forEach((partition, floor) -> {
                if (!partitions.contains(partition)) {
                    context.offset(partition, floor);
                    offsets.resumeAt(partition, floor);
                }
            });
        }
        offsets.forget(partitions);
        errantRecords.forget(partitions);
        resumePending.removeAll(partitions);
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
        if (buffer != null && !buffer.isEmpty()) {
            LOG.info("Stopping with {} unwritten records; their offsets were not committed", buffer.records());
            buffer.clear();
        }
        metrics.close();
    }

    /** Append mode: seek to the offsets stored with the rows, and skip what is already written. */
    private void resumeAppendedPartitions() {
        if (resumePending.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try {
            stored = writer.storedOffsets();
        } catch (SQLException e) {
            throw failure("Reading the stored offsets", e);
        }
        for (TopicPartition partition : resumePending) {
            Long next = stored.get(partition);
            if (next != null) {
                LOG.info("Append mode resumes {} at offset {}, the first not yet in the warehouse", partition, next);
                context.offset(partition, next);
                offsets.resumeAt(partition, next);
            }
        }
        resumePending.clear();
    }

    private void flushAll(String reason) {
        for (TableId table : buffer.tables()) {
            try {
                writeIsolatingBadRows(table, buffer.changes(table), reason, resumeOnceWritten(table));
            } catch (SQLException e) {
                throw failure("Writing to table " + table, e);
            } catch (ConnectException e) {
                metrics.flushFailed();
                flushOwed = true;
                throw e;
            }
            buffer.remove(table);
            offsets.written(table);
        }
        flushOwed = false;
        retryNotBefore = 0;
        retries.succeeded();
        metrics.buffer(buffer.records(), buffer.bytes());
    }

    /**
     * Writes the changes; when the database refuses some rows' data, halves the batch until the bad rows
     * stand alone and reports only them (or fails naming the first, without a dead-letter queue).
     */
    private void writeIsolatingBadRows(TableId table, List<RowChange> changes, String reason, Map<TopicPartition, Long> resumeAt)
            throws SQLException {
        FlushResult result;
        try {
            result = writer.write(table, changes, resumeAt);
        } catch (SQLException e) {
            if (dialect.classify(e) != FailureKind.DATA) {
                throw e;
            }
            if (changes.size() == 1) {
                RowChange bad = changes.get(0);
                SQLException shown = dialect.withoutValues(e);
                report(bad.record(), new DataException("Record " + bad.origin() + " cannot be written to table " + table + ": "
                        + shown.getMessage(), shown));
                return;
            }
            LOG.info("Table {} refused a row of {}; isolating it by halving the batch", table, changes.size());
            int half = changes.size() / 2;
            // A part of the batch does not move the partitions' resume positions: the rest may not get written.
            writeIsolatingBadRows(table, changes.subList(0, half), reason, Map.of());
            writeIsolatingBadRows(table, changes.subList(half, changes.size()), reason, Map.of());
            return;
        }
        for (RejectedRow rejected : result.rejected()) {
            report(rejected.change().record(), new DataException("Record " + rejected.change().origin() + " cannot be written to table "
                    + table + ": " + rejected.reason()));
        }
        metrics.flushed(result);
        LOG.info("Flushed {} rows into {} in {} ms ({}): {} inserted, {} updated, {} deleted, {} skipped, {} rejected",
                result.rows(), table, result.durationMs(), reason, result.inserted(), result.updated(), result.deleted(),
                result.skipped(), result.rejected().size());
    }

    /** Append mode: where the table's partitions resume once its buffered changes are written. */
    private Map<TopicPartition, Long> resumeOnceWritten(TableId table) {
        return config.writeMode() == WriteMode.APPEND ? offsets.resumeOnceWritten(table, errantRecords.unwritten()) : Map.of();
    }

    private void report(SinkRecord record, Exception failure) {
        errantRecords.report(record, failure);
        metrics.sentToDlq();
        LOG.warn("{}; sent to the dead-letter queue", failure.getMessage());
    }

    /** Retry a transient failure through Connect (with backoff), fail the task on anything else. */
    private ConnectException failure(String what, SQLException e) {
        metrics.flushFailed();
        flushOwed = true;
        FailureKind kind = dialect.classify(e);
        if (kind == FailureKind.TRANSIENT && retries.failedAgain()) {
            long backoff = retries.backoffMs();
            LOG.warn("{} failed (attempt {} of {}), retrying in {} ms: {}", what, retries.consecutiveFailures(), retries.maxRetries() + 1,
                    backoff, e.getMessage());
            context.timeout(backoff);
            retryNotBefore = System.currentTimeMillis() + backoff;
            return new RetriableException(what + " failed, will retry: " + e.getMessage(), e);
        }
        if (kind == FailureKind.TRANSIENT) {
            return new ConnectException(what + " failed " + retries.consecutiveFailures() + " times in a row; giving up (max.retries="
                    + retries.maxRetries() + "): " + e.getMessage(), e);
        }
        return new ConnectException(what + " failed: " + e.getMessage(), e);
    }
}
