package io.tidemark.connect.sink.metrics;

/**
 * What one sink task consumed from a partition and has not yet written:
 * {@code io.tidemark.connect.sink:type=warehouse-sink-partition-metrics,connector=<name>,task=<id>,topic=<topic>,partition=<n>}.
 */
public interface PartitionLagMBean {

    /**
     * Records consumed from the partition whose changes are not yet committed in the warehouse: the consumed
     * position minus the first unwritten offset. The end-to-end lag in records is this plus the consumer's own
     * {@code records-lag} (log end minus consumed position) of {@code kafka.consumer:type=consumer-fetch-manager-metrics}.
     */
    long getUnwrittenRecords();
}
