package io.tidemark.connect.sink.offsets;

import io.tidemark.connect.sink.convert.KafkaCoordinates;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which offsets are safe to commit, per original topic partition (KIP-793). A record is done when its
 * row is committed in the warehouse, when it was superseded by a newer change that is, when it needed no
 * write, or when the dead-letter queue has it. While a table holds unwritten records of a partition, or a
 * record of it is on its way to the dead-letter queue, that partition's commit stops at the first of them
 * (its floor). Records a transform dropped before put() are done too: Connect's consumed position, which
 * preCommit receives, covers them, so a partition whose records are all filtered out still advances.
 *
 * <p>It also remembers the highest offset seen per partition, so that a batch Connect delivers again
 * (after a RetriableException) is not buffered twice.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, Long> highestSeen = new HashMap<>();
    /**
     * Floors per table and flush generation: the live buffer's records are in the current generation; a
     * flush sealed for a writer thread keeps its own until it is written, while newer records of the same
     * table gather in the next generation.
     */
    private final Map<Slot, Map<TopicPartition, Long>> floors = new HashMap<>();
    private long generation;
    private final Map<TopicPartition, Long> lastCommittable = new HashMap<>();
    /**
     * Partitions this task asked Connect to seek (rewind after dropped records, or append mode's resume):
     * until a record from the new position arrives, Connect's consumed position may still be the old one.
     */
    private final Set<TopicPartition> sought = new HashSet<>();

    /**
     * Marks a record as seen; false when it was seen before (a re-delivery, or below the position where
     * append mode resumes), and must be skipped.
     */
    public boolean accept(KafkaCoordinates record) {
        TopicPartition partition = record.topicPartition();
        Long highest = highestSeen.get(partition);
        if (highest != null && record.offset() <= highest) {
            return false;
        }
        highestSeen.put(partition, record.offset());
        sought.remove(partition);
        return true;
    }

    private record Slot(TableId table, long generation) {
    }

    /** The record waits in a table's buffer. */
    public void buffered(TableId table, KafkaCoordinates record) {
        floors.computeIfAbsent(new Slot(table, generation), t -> new HashMap<>()).putIfAbsent(record.topicPartition(), record.offset());
    }

    /** Everything buffered for the table is in the warehouse now. */
    public void written(TableId table) {
        written(table, generation);
    }

    /** The table's records of a sealed generation are in the warehouse now. */
    public void written(TableId table, long sealed) {
        floors.remove(new Slot(table, sealed));
    }

    /**
     * The live buffer was sealed for writing: its records keep their floors under the returned generation
     * until {@link #written(TableId, long)}; records buffered from now on belong to the next.
     */
    public long seal() {
        return generation++;
    }

    /** Offsets that may be committed for the partitions in {@code assigned}: next offset to read. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
        assigned.forEach(partition -> consumed.put(partition, null));
        return committable(consumed, Map.of());
    }

    /**
     * Offsets that may be committed: next offset to read, per partition of {@code consumed}.
     *
     * @param consumed   Connect's consumed position per assigned partition (preCommit's currentOffsets; a null
     *                   value when unknown): every record before it was delivered to put() or dropped by a transform
     * @param unreported per partition, the first record still on its way to the dead-letter queue
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed,
                                                              Map<TopicPartition, Long> unreported) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : consumed.entrySet()) {
            TopicPartition partition = entry.getKey();
            Long highest = highestSeen.get(partition);
            Long safe = highest == null ? null : highest + 1;
            if (entry.getValue() != null && !sought.contains(partition) && (safe == null || entry.getValue().offset() > safe)) {
                safe = entry.getValue().offset();
            }
            if (safe == null) {
                continue;
            }
            for (Map<TopicPartition, Long> tableFloors : floors.values()) {
                Long floor = tableFloors.get(partition);
                if (floor != null && floor < safe) {
                    safe = floor;
                }
            }
            Long reporting = unreported.get(partition);
            if (reporting != null && reporting < safe) {
                safe = reporting;
            }
            offsets.put(partition, new OffsetAndMetadata(safe));
            lastCommittable.put(partition, safe);
        }
        return offsets;
    }

    /**
     * Append mode: per partition with records buffered for {@code table}, where it resumes once they are
     * written, i.e. what {@link #committable} will say then (without Connect's consumed position, which the
     * task does not have while it flushes).
     */
    public Map<TopicPartition, Long> resumeOnceWritten(TableId table, Map<TopicPartition, Long> unreported) {
        return resumeOnceWritten(table, generation, unreported);
    }

    /** {@link #resumeOnceWritten(TableId, Map)} for the table's records of a sealed generation. */
    public Map<TopicPartition, Long> resumeOnceWritten(TableId table, long sealed, Map<TopicPartition, Long> unreported) {
        Slot slot = new Slot(table, sealed);
        Map<TopicPartition, Long> own = floors.get(slot);
        Map<TopicPartition, Long> resume = new HashMap<>();
        if (own == null) {
            return resume;
        }
        for (TopicPartition partition : own.keySet()) {
            long safe = highestSeen.get(partition) + 1;
            for (Map.Entry<Slot, Map<TopicPartition, Long>> other : floors.entrySet()) {
                Long floor = other.getKey().equals(slot) ? null : other.getValue().get(partition);
                if (floor != null && floor < safe) {
                    safe = floor;
                }
            }
            Long reporting = unreported.get(partition);
            resume.put(partition, reporting != null && reporting < safe ? reporting : safe);
        }
        return resume;
    }

    /** The first unwritten offset of each partition with buffered records. */
    public Map<TopicPartition, Long> floors() {
        Map<TopicPartition, Long> lowest = new HashMap<>();
        floors.values().forEach(tableFloors -> tableFloors.forEach((partition, floor) -> lowest.merge(partition, floor, Math::min)));
        return lowest;
    }

    /** Records from {@code offset} on will be delivered (again): accept them. */
    public void resumeAt(TopicPartition partition, long offset) {
        highestSeen.put(partition, offset - 1);
        sought.add(partition);
    }

    /** Drops all buffered floors (the buffer was dropped). */
    public void dropBuffered() {
        floors.clear();
    }

    /** The partitions are no longer this task's. */
    public void forget(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        highestSeen.keySet().removeAll(gone);
        lastCommittable.keySet().removeAll(gone);
        sought.removeAll(gone);
        floors.values().forEach(tableFloors -> tableFloors.keySet().removeAll(gone));
    }

    /** Records seen but not yet committable as of the last {@link #committable} call, over all partitions. */
    public long lag() {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> entry : highestSeen.entrySet()) {
            long committed = lastCommittable.getOrDefault(entry.getKey(), entry.getValue() + 1);
            lag += Math.max(0, entry.getValue() + 1 - committed);
        }
        return lag;
    }
}
