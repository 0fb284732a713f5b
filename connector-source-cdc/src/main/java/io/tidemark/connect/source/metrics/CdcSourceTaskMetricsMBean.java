package io.tidemark.connect.source.metrics;

/**
 * The JMX view of one CDC source task:
 * {@code io.tidemark.connect.source:type=cdc-source-task-metrics,connector=<name>,task=0}.
 */
public interface CdcSourceTaskMetricsMBean {

    /**
     * Bytes of WAL the server has written past what the replication slot's consumer confirmed
     * ({@code pg_current_wal_lsn() - confirmed_flush_lsn}): how far the connector is behind the database. -1 when
     * it cannot be read. It grows while the connector is down, stuck, or Kafka does not acknowledge records.
     */
    long getSlotLagBytes();

    /**
     * Bytes of WAL the server keeps for the slot ({@code pg_current_wal_lsn() - restart_lsn}); this is what fills
     * the database's disk when the connector stops confirming. -1 when it cannot be read.
     */
    long getSlotRetainedWalBytes();

    /**
     * Milliseconds since a poll last returned a record (a change or a heartbeat); -1 before the first. With
     * heartbeats on, a value well above heartbeat.interval.ms means the task receives nothing from the server.
     */
    long getMillisSinceLastRecord();

    /** Records (changes, tombstones and heartbeats) the task handed to Connect. */
    long getRecordsPolled();
}
