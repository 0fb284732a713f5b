package io.tidemark.connect.sink.model;

/**
 * One thing the Connect worker does with the sink's tasks while it consumes the topic's two partitions. Steps
 * that cannot apply (a put with nothing left to read) do nothing.
 */
public sealed interface DeliveryStep {

    /** One put() per task with up to the next {@code fromPartition0} / {@code fromPartition1} records of its partitions. */
    record Put(int fromPartition0, int fromPartition1) implements DeliveryStep {
    }

    /** Offset commit: Connect awaits the dead-letter reports, calls preCommit and commits what it returns. */
    record Commit() implements DeliveryStep {
    }

    /** Rebalance: every task commits, the partition's owner closes it and the other task opens it at its committed offset. */
    record Rebalance(int partition) implements DeliveryStep {
    }

    /** The task crashes (stop() without a commit); its replacement reads its partitions from the committed offsets. */
    record Restart(int task) implements DeliveryStep {
    }

    /**
     * The connector is stopped and the partition's committed offset is moved {@code back} records back (the offsets
     * REST API); the new tasks read again from there.
     */
    record ResetOffset(int partition, int back) implements DeliveryStep {
    }

    /** Every sink connection to the warehouse is terminated by the server (PostgreSQL only: pg_terminate_backend). */
    record KillConnections() implements DeliveryStep {
    }
}
