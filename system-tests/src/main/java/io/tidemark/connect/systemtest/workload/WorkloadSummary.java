package io.tidemark.connect.systemtest.workload;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a workload committed.
 *
 * @param counts       committed changes per kind
 * @param transactions committed transactions
 * @param finalLsn     a WAL position at or before the workload's last change (0 while it runs): a pipeline
 *                     whose source has passed it has read every change of the workload
 */
public record WorkloadSummary(Map<Operation, Long> counts, long transactions, long finalLsn) {

    public WorkloadSummary {
        counts = Map.copyOf(counts);
    }

    public long count(Operation operation) {
        return counts.getOrDefault(operation, 0L);
    }

    /** Row changes (the ADD COLUMN is not one). */
    public long changes() {
        return counts.entrySet().stream().filter(entry -> entry.getKey() != Operation.ADD_COLUMN)
            .mapToLong(Map.Entry::getValue).sum();
    }

    @Override
    public String toString() {
        return transactions + " transactions, " + changes() + " row changes ("
            + counts.entrySet().stream().filter(entry -> entry.getValue() > 0).sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + entry.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }
}
