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
import io.tidemark.connect.sink.flush.FlushOutcome;
import io.tidemark.connect.sink.flush.FlushPipeline;
import io.tidemark.connect.sink.flush.SealedFlush;
import io.tidemark.connect.sink.flush.TableFlusher;
import io.tidemark.connect.sink.metrics.FreshnessMetrics;
import io.tidemark.connect.sink.metrics.SubscriptionWatch;
import io.tidemark.connect.sink.metrics.WarehouseSinkTaskMetrics;
import io.tidemark.connect.sink.offsets.OffsetTracker;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.write.FlushResult;
import io.tidemark.connect.sink.write.WarehouseWriter;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
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
 *
 * <p>With {@code flush.pipeline.depth} n >= 1, a due flush is sealed (taken out of the buffer with its offsets'
 * generation, see {@link OffsetTracker#seal}) and written by the task's writer thread ({@link FlushPipeline})
 * while put() goes on buffering; the task thread applies each outcome (offsets, metrics, dead-letter reports)
 * on the next put() or preCommit, and a failed write surfaces there with the same classification. A failed
 * flush and the ones sealed after it are kept, in order, and written again before anything newer.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);
    /**
     * Pipelined: how soon put() is asked for again while a flush is in flight and no records arrive, so that its
     * outcome (a failure to retry or fail on, dead-letter reports) is applied then, not at the next offset commit.
     */
    static final long IN_FLIGHT_POLL_MS = 100;

    private WarehouseSinkConfig config;
    private Dialect dialect;
    private RecordConverter converter;
    private ChangeBuffer buffer;
    private FlushPolicy flushPolicy;
    private final OffsetTracker offsets = new OffsetTracker();
    private WarehouseWriter writer;
    /** Pipelined: the writers of the tables written beside {@link #writer}'s (flush.parallel.tables). */
    private final List<WarehouseWriter> tableWriters = new ArrayList<>();
    private TableFlusher flusher;
    /** The writer thread, or null when put() writes due flushes itself (flush.pipeline.depth 0). */
    private FlushPipeline pipeline;
    /** Pipelined: sealed flushes a failure left unwritten, oldest first; written again before anything newer. */
    private final Deque<SealedFlush> owed = new ArrayDeque<>();
    private RetryPolicy retries;
    private ErrantRecords errantRecords;
    private final WarehouseSinkTaskMetrics metrics = new WarehouseSinkTaskMetrics();
    private final FreshnessMetrics freshness = new FreshnessMetrics(System::currentTimeMillis);
    private SubscriptionWatch subscription;
    /** Append mode: partitions whose stored offsets must be read before their records are accepted. */
    private final Set<TopicPartition> resumePending = new HashSet<>();
    /** A flush failed; the next put() after the backoff retries it whatever the thresholds say. */
    private boolean flushOwed;
    /** No flush is attempted before this time (epoch ms) after a transient failure. */
    private long retryNotBefore;
    /**
     * Pipelined: a failed write whose outcome preCommit applied. preCommit must not throw it (Connect would rewind
     * every partition), so the next put() throws it, and Connect retries or fails the task as it would have.
     */
    private ConnectException failureForPut;

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
        WarehouseWriter.Settings writing = new WarehouseWriter.Settings(config.writeMode(), config.deleteMode(), config.autoCreate(),
                config.autoEvolve(), config.metadataColumns(), OffsetTable.in(config.tableSchema(), config.identifierCase()),
                config.connectorName());
        writer = new WarehouseWriter(dialect, config.connection(), writing);
        retries = new RetryPolicy(config.maxRetries(), config.retryBackoffMs(), config.retryBackoffMaxMs());
        errantRecords = new ErrantRecords(errantRecordReporter());
        String taskId = properties.getOrDefault(WarehouseSinkConnector.TASK_ID, "0");
        flusher = new TableFlusher(writer, dialect);
        if (config.flushPipelineDepth() > 0) {
            List<TableFlusher> flushers = new ArrayList<>(List.of(flusher));
            int tablesAtOnce = dialect.concurrentTableWrites() ? config.flushParallelTables() : 1;
            while (flushers.size() < tablesAtOnce) {
                // Their connections open when a table first needs one.
                WarehouseWriter tableWriter = new WarehouseWriter(dialect, config.connection(), writing);
                tableWriters.add(tableWriter);
                flushers.add(new TableFlusher(tableWriter, dialect));
            }
            pipeline = new FlushPipeline(config.flushPipelineDepth(), flushers, "tidemark-writer-" + config.connectorName() + "-" + taskId);
        }
        metrics.register(config.connectorName(), taskId);
        freshness.register(config.connectorName(), taskId);
        subscription = new SubscriptionWatch(config.connectorName(), taskId, SubscriptionWatch.describe(properties),
                config.unassignedWarnMs(), System::currentTimeMillis);
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
        subscription.assigned(partitions);
        offsets.forget(partitions);
        if (config.writeMode() == WriteMode.APPEND) {
            resumePending.addAll(partitions);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        subscription.check(metrics);
        errantRecords.failIfAReportFailed();
        throwFailureFromPreCommit();
        applyCompleted();
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
                freshness.buffered(change);
                offsets.buffered(change.table(), origin);
                if (buffer.bytes() >= config.bufferSizeBytes()) {
                    // Memory bound: write now, even in the middle of a batch.
                    flush("buffer.size.bytes");
                }
            }
        }
        long now = System.currentTimeMillis();
        String reason = flushOwed ? "retry" : flushPolicy.reason(buffer, now);
        if (reason != null && now >= retryNotBefore) {
            flush(reason);
        }
        metrics.buffer(buffer.records(), buffer.bytes());
        freshness.unwritten(offsets.floors());
        askForPutWhenFlushIsDue(now);
    }

    private void flush(String reason) {
        if (pipeline == null) {
            flushAll(reason);
        } else {
            sealAndSubmit(reason);
        }
    }

    /**
     * Connect calls put() when records arrive, and otherwise only when its poll times out, which is at the next
     * offset commit (offset.flush.interval.ms). When the input pauses, buffered changes would wait for that
     * commit rather than buffer.flush.time.ms; a shorter poll timeout (one-shot, so asked again each time) brings
     * an empty put() when the oldest buffered change is due, a failed flush's backoff is over, or (pipelined) soon
     * after a flush in flight, to apply its outcome.
     */
    private void askForPutWhenFlushIsDue(long now) {
        boolean inFlight = pipeline != null && !pipeline.idle();
        if (buffer.isEmpty() && !flushOwed && !inFlight) {
            return;
        }
        long due = flushOwed ? retryNotBefore : buffer.isEmpty() ? Long.MAX_VALUE : buffer.oldestAddedAt() + config.bufferFlushTimeMs();
        if (inFlight) {
            due = Math.min(due, now + IN_FLIGHT_POLL_MS);
        }
        context.timeout(Math.max(1, due - now));
    }

    private void throwFailureFromPreCommit() {
        ConnectException failure = failureForPut;
        if (failure != null) {
            failureForPut = null;
            long backoffLeft = retryNotBefore - System.currentTimeMillis();
            if (failure instanceof RetriableException && backoffLeft > 0) {
                // Connect consumed the timeout asked in preCommit with its poll; ask it again for the redelivery.
                context.timeout(backoffLeft);
            }
            throw failure;
        }
    }

    /**
     * Connect commits what this returns: offsets whose records are in the warehouse (or in the dead-letter
     * queue: a report made by this flush holds its partition back until the queue has the record). A failed
     * flush here is not thrown (Connect would rewind every partition to its last commit); the next put()
     * retries it.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            applyCompleted();
            if (pipeline == null) {
                if (!buffer.isEmpty() && System.currentTimeMillis() >= retryNotBefore) {
                    flushAll("offset commit");
                }
            } else if (!buffer.isEmpty() && owed.isEmpty() && !pipeline.full()) {
                // Pipelined: hand the buffer over without waiting; its offsets follow at a later commit. A full
                // pipeline, or a failure being retried, is left to put().
                sealAndSubmit("offset commit");
            }
        } catch (ConnectException e) {
            LOG.warn("Flush before the offset commit failed; committing only what is written, put() retries: {}", e.getMessage());
            if (pipeline != null) {
                failureForPut = e;
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(currentOffsets, errantRecords.unwritten());
        metrics.lag(offsets.lag());
        freshness.unwritten(offsets.floors());
        metrics.buffer(buffer.records(), buffer.bytes());
        askForPutWhenFlushIsDue(System.currentTimeMillis());
        return committable;
    }

    /**
     * Partitions are taken away. Connect called preCommit just before, so normally nothing is left; if a
     * flush failed, the unwritten changes are dropped (never committed) and the partitions this task
     * keeps are rewound to their first unwritten record, to be read again.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        drainInFlight();
        Map<TopicPartition, Long> floors = offsets.floors();
        if (partitions.stream().anyMatch(floors::containsKey)) {
            LOG.warn("Dropping {} unwritten records of closed partitions; they will be read again", buffer.records());
            buffer.clear();
            owed.clear();
            failureForPut = null;
            offsets.dropBuffered();
            freshness.bufferDropped();
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
        subscription.revoked(partitions);
        freshness.revoked(partitions);
    }

    @Override
    public void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        owed.clear();
        if (writer != null) {
            writer.close();
        }
        tableWriters.forEach(WarehouseWriter::close);
        tableWriters.clear();
        if (buffer != null && !buffer.isEmpty()) {
            LOG.info("Stopping with {} unwritten records; their offsets were not committed", buffer.records());
            buffer.clear();
        }
        metrics.close();
        freshness.close();
    }

    /** Append mode: seek to the offsets stored with the rows, and skip what is already written. */
    private void resumeAppendedPartitions() {
        if (resumePending.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try {
            stored = pipeline == null ? writer.storedOffsets() : pipeline.call(writer::storedOffsets);
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
            List<RowChange> changes = buffer.changes(table);
            try {
                flusher.write(table, changes, resumeOnceWritten(table), this::report).forEach(result -> flushed(result, reason));
            } catch (SQLException e) {
                throw failure("Writing to table " + table, e);
            } catch (ConnectException e) {
                metrics.flushFailed();
                flushOwed = true;
                throw e;
            }
            freshness.written(table, changes);
            buffer.remove(table);
            offsets.written(table);
        }
        flushOwed = false;
        retryNotBefore = 0;
        retries.succeeded();
        metrics.buffer(buffer.records(), buffer.bytes());
    }

    /**
     * Pipelined: hands what a failure left unwritten to the writer again (after the flushes still in flight, all
     * of which it returns untried), then seals the buffer and hands it over, waiting while the pipeline is full.
     */
    private void sealAndSubmit(String reason) {
        if (!owed.isEmpty()) {
            awaitInFlight();
            boolean first = true;
            while (!owed.isEmpty()) {
                awaitCapacity();
                pipeline.submit(owed.poll(), first);
                first = false;
            }
        }
        flushOwed = false;
        if (!buffer.isEmpty()) {
            awaitCapacity();
            pipeline.submit(seal(reason), false);
        }
        metrics.buffer(buffer.records(), buffer.bytes());
    }

    /** Takes the buffer's changes out, with the generation that keeps their offsets held back until written. */
    private SealedFlush seal(String reason) {
        long generation = offsets.seal();
        List<SealedFlush.Table> tables = new ArrayList<>();
        for (TableId table : buffer.tables()) {
            Map<TopicPartition, Long> resumeAt = config.writeMode() == WriteMode.APPEND
                    ? offsets.resumeOnceWritten(table, generation, errantRecords.unwritten()) : Map.of();
            tables.add(new SealedFlush.Table(table, buffer.changes(table), resumeAt));
        }
        buffer.clear();
        return new SealedFlush(generation, reason, tables);
    }

    private void awaitCapacity() {
        while (pipeline.full()) {
            apply(pipeline.awaitOldest());
        }
    }

    private void awaitInFlight() {
        while (pipeline != null && !pipeline.idle()) {
            apply(pipeline.awaitOldest());
        }
    }

    private void applyCompleted() {
        if (pipeline == null) {
            return;
        }
        for (FlushOutcome outcome = pipeline.pollCompleted(); outcome != null; outcome = pipeline.pollCompleted()) {
            apply(outcome);
        }
    }

    /** Close: every outcome in flight applied; a failure is left owed (and dropped with the closed partitions). */
    private void drainInFlight() {
        while (pipeline != null && !pipeline.idle()) {
            try {
                apply(pipeline.awaitOldest());
            } catch (ConnectException e) {
                LOG.warn("A flush failed while partitions were closed: {}", e.getMessage());
            }
        }
    }

    /**
     * On the task thread, what the writer thread did: reports, metrics and offsets of the tables written; what
     * is left unwritten is owed, and a failure is thrown with today's classification.
     */
    private void apply(FlushOutcome outcome) {
        outcome.reports().forEach(report -> report(report.record(), report.failure()));
        for (FlushOutcome.Written written : outcome.written()) {
            written.results().forEach(result -> flushed(result, outcome.flush().reason()));
            freshness.written(written.table().table(), written.table().changes());
            offsets.written(written.table().table(), outcome.flush().generation());
        }
        if (outcome.unwritten() == null) {
            retryNotBefore = 0;
            retries.succeeded();
            return;
        }
        owed.add(outcome.unwritten());
        flushOwed = true;
        Exception failure = outcome.failure();
        if (failure instanceof SQLException sql) {
            throw failure("Writing to table " + outcome.unwritten().tables().get(0).table(), sql);
        }
        if (failure instanceof ConnectException connect) {
            metrics.flushFailed();
            throw connect;
        }
        if (failure != null) {
            metrics.flushFailed();
            throw new ConnectException("Writing to table " + outcome.unwritten().tables().get(0).table() + " failed: " + failure, failure);
        }
    }

    private void flushed(FlushResult result, String reason) {
        metrics.flushed(result);
        LOG.info("Flushed {} rows into {} in {} ms ({}): {} inserted, {} updated, {} deleted, {} skipped, {} rejected",
                result.rows(), result.table(), result.durationMs(), reason, result.inserted(), result.updated(), result.deleted(),
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
