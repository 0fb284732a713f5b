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
 * write, or when it went to the errant-record reporter. While a table holds unwritten records of a
 * partition, that partition's commit stops at the first of them (its floor).
 *
 * <p>It also remembers the highest offset seen per partition, so that a batch Connect delivers again
 * (after a RetriableException) is not buffered twice.
 */
public final class OffsetTracker {

    private final Map<TopicPartition, Long> highestSeen = new HashMap<>();
    private final Map<TableId, Map<TopicPartition, Long>> floors = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommittable = new HashMap<>();

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
        return true;
    }

    /** The record waits in a table's buffer. */
    public void buffered(TableId table, KafkaCoordinates record) {
        floors.computeIfAbsent(table, t -> new HashMap<>()).putIfAbsent(record.topicPartition(), record.offset());
    }

    /** Everything buffered for the table is in the warehouse now. */
    public void written(TableId table) {
        floors.remove(table);
    }

    /** Offsets that may be committed for the partitions in {@code assigned}: next offset to read. */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long highest = highestSeen.get(partition);
            if (highest == null) {
                continue;
            }
            long safe = highest + 1;
            for (Map<TopicPartition, Long> tableFloors : floors.values()) {
                Long floor = tableFloors.get(partition);
                if (floor != null && floor < safe) {
                    safe = floor;
                }
            }
            offsets.put(partition, new OffsetAndMetadata(safe));
            lastCommittable.put(partition, safe);
        }
        return offsets;
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
