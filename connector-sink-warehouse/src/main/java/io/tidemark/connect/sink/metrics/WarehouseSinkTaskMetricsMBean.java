package io.tidemark.connect.sink.metrics;

/** The JMX view of one sink task (names follow the issue: what users watch on a dashboard). */
public interface WarehouseSinkTaskMetricsMBean {

    /** Records accepted and not yet written. */
    long getRecordsBuffered();

    /** Estimated heap held by the buffer. */
    long getBufferedBytes();

    /** Table flushes committed. */
    long getFlushes();

    /** Flush attempts that failed (each retry counts). */
    long getFlushFailures();

    long getRowsInserted();

    long getRowsUpdated();

    /** Rows deleted, or marked deleted in soft-delete mode. */
    long getRowsDeleted();

    /**
     * Rows that changed nothing: older than the stored version (replays, out-of-order delivery), or
     * deleting a row that is not there.
     */
    long getRowsSkipped();

    long getLastFlushDurationMs();

    long getMaxFlushDurationMs();

    /** Records handed to the errant-record reporter (the dead-letter queue). */
    long getRecordsSentToDlq();

    /** Records consumed beyond the offsets last returned for commit, over all partitions. */
    long getCommittedOffsetLag();

    /** Partitions currently assigned to this task. */
    long getAssignedPartitions();

    /**
     * How long this task has had no partition assigned, 0 while it has some: a topics.regex that
     * matches no topic keeps every task of the connector here.
     */
    long getUnassignedMs();
}
