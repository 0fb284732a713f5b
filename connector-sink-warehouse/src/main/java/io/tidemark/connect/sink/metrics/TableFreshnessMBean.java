package io.tidemark.connect.sink.metrics;

/**
 * How fresh one table is, as one sink task writes it:
 * {@code io.tidemark.connect.sink:type=warehouse-sink-table-metrics,connector=<name>,task=<id>,table=<schema.table>}.
 */
public interface TableFreshnessMBean {

    /**
     * Now minus the source commit time ({@code __source_ts_ms}) of the newest change this task merged into the
     * table; -1 until it merged a change carrying that time. It grows while nothing new is merged, so an alert on
     * it fires both when the pipeline stalls and when the source is quiet (heartbeat-only sources never lower it).
     */
    long getNewestMergedChangeAgeMs();

    /** How long the oldest change now waiting in this task's buffer for the table has waited; 0 when none waits. */
    long getOldestBufferedChangeAgeMs();

    /** Changes (after deduplication per key) this task merged or appended into the table. */
    long getChangesWritten();
}
