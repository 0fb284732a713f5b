package io.tidemark.connect.sink.flush;

import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;

/**
 * The buffer's changes at one moment, taken out of it to be written as a unit, table after table, while newer
 * records gather in the buffer. Its records' offsets stay held back under {@link #generation} until each
 * table is written (see OffsetTracker#seal).
 *
 * @param generation the offset tracker's generation of these records
 * @param reason     what made the flush due, for the log
 * @param tables     per table, its changes and (append mode) where its partitions resume once it is written
 */
public record SealedFlush(long generation, String reason, List<Table> tables) {

    public SealedFlush {
        tables = List.copyOf(tables);
    }

    /** One table's changes in a sealed flush. */
    public record Table(TableId table, List<RowChange> changes, Map<TopicPartition, Long> resumeAt) {
        public Table {
            changes = List.copyOf(changes);
            resumeAt = Map.copyOf(resumeAt);
        }
    }

    /** Some of its tables (in their order): what is left to write after a failure. */
    SealedFlush only(List<Table> left) {
        return new SealedFlush(generation, reason, left);
    }
}
