package io.tidemark.connect.sink.buffer;

import io.tidemark.connect.sink.convert.RowChange;

/**
 * Which of two changes to one key is the newer. The higher version wins; on equal versions the later
 * Kafka offset of the same partition wins, else the later arrival. A change without a version (a
 * tombstone) is ordered by arrival alone: within a partition Kafka's order is the change order.
 */
final class NewestChangeWins {

    private NewestChangeWins() {
    }

    /** Whether {@code incoming} (arriving now) replaces {@code current} (buffered before). */
    static boolean replaces(RowChange incoming, RowChange current) {
        if (incoming.version() == null || current.version() == null) {
            return true;
        }
        int byVersion = Long.compare(incoming.version(), current.version());
        if (byVersion != 0) {
            return byVersion > 0;
        }
        boolean samePartition = incoming.origin().partition() == current.origin().partition()
                && incoming.origin().topic().equals(current.origin().topic());
        return !samePartition || incoming.origin().offset() > current.origin().offset();
    }
}
