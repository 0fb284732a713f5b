package io.tidemark.connect.sink.flush;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.write.FlushResult;
import io.tidemark.connect.sink.write.RejectedRow;
import io.tidemark.connect.sink.write.WarehouseWriter;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one table's changes; when the database refuses some rows' data, halves the batch until the bad rows
 * stand alone and hands only them to the reports (the dead-letter queue, or a failure naming the first). It
 * touches nothing of the task, so it runs on the task thread or on the writer thread alike.
 */
public final class TableFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(TableFlusher.class);

    /** Where refused records go. */
    @FunctionalInterface
    public interface Reports {
        void report(SinkRecord record, Exception failure);
    }

    private final WarehouseWriter writer;
    private final Dialect dialect;

    public TableFlusher(WarehouseWriter writer, Dialect dialect) {
        this.writer = writer;
        this.dialect = dialect;
    }

    /** The results of the statement batches written (several when refused rows split the batch). */
    public List<FlushResult> write(TableId table, List<RowChange> changes, Map<TopicPartition, Long> resumeAt, Reports reports)
            throws SQLException {
        List<FlushResult> results = new ArrayList<>();
        writeIsolatingBadRows(table, changes, resumeAt, reports, results);
        return results;
    }

    private void writeIsolatingBadRows(TableId table, List<RowChange> changes, Map<TopicPartition, Long> resumeAt, Reports reports,
                                       List<FlushResult> results) throws SQLException {
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
                reports.report(bad.record(), new DataException("Record " + bad.origin() + " cannot be written to table " + table + ": "
                        + shown.getMessage(), shown));
                return;
            }
            LOG.info("Table {} refused a row of {}; isolating it by halving the batch", table, changes.size());
            int half = changes.size() / 2;
            // A part of the batch does not move the partitions' resume positions: the rest may not get written.
            writeIsolatingBadRows(table, changes.subList(0, half), Map.of(), reports, results);
            writeIsolatingBadRows(table, changes.subList(half, changes.size()), Map.of(), reports, results);
            return;
        }
        for (RejectedRow rejected : result.rejected()) {
            reports.report(rejected.change().record(), new DataException("Record " + rejected.change().origin()
                    + " cannot be written to table " + table + ": " + rejected.reason()));
        }
        results.add(result);
    }
}
