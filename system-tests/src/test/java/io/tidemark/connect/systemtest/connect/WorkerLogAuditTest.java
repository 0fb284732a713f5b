package io.tidemark.connect.systemtest.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log audit flags the lines the issue is about, taken from real worker logs, and lets normal ones pass. */
class WorkerLogAuditTest {

    private static boolean flagged(String text) {
        WorkerLogAudit.LogLine line = WorkerLogAudit.LogLine.parse(text);
        return line != null && WorkerLogAudit.isProblem(line, WorkerLogAudit.NORMAL_OPERATION);
    }

    @Test
    void theLostTableCreationRaceIsFlaggedBothAsOurWarnAndAsConnectsError() {
        assertThat(flagged("[2026-12-07 01:46:54,838] WARN Writing to table public.customers failed (attempt 1 of 11), retrying in"
            + " 1000 ms: ERROR: duplicate key value violates unique constraint \"pg_type_typname_nsp_index\""
            + " (io.tidemark.connect.sink.WarehouseSinkTask)")).isTrue();
        assertThat(flagged("[2026-12-07 01:47:06,648] ERROR WorkerSinkTask{id=e2e_warehouse_outage_9-sink-1} RetriableException"
            + " from SinkTask: (org.apache.kafka.connect.runtime.WorkerSinkTask)")).isTrue();
    }

    @Test
    void debeziumWarningsAreFlagged() {
        assertThat(flagged("[2026-12-07 02:10:00,000] WARN Failed to add measurement event to queue, queue is full"
            + " (io.debezium.metrics.stats.MeasurementCollector)")).isTrue();
    }

    @Test
    void connectsOwnWarningsInfoLinesStackTracesAndAllowlistedLinesPass() {
        assertThat(flagged("[2026-12-07 02:37:58,593] WARN [Worker clientId=connect-127.0.0.1:42379, groupId=tidemark-connect]"
            + " Catching up to assignment's config offset. (org.apache.kafka.connect.runtime.distributed.DistributedHerder)")).isFalse();
        assertThat(flagged("[2026-12-07 02:37:58,593] INFO Flushed 40 rows into public.customers in 12 ms (offset commit): 40 inserted"
            + " (io.tidemark.connect.sink.WarehouseSinkTask)")).isFalse();
        assertThat(flagged("\tat io.debezium.pipeline.ErrorHandler.setProducerThrowable(ErrorHandler.java:52)")).isFalse();
        assertThat(flagged("[2026-12-07 02:36:01,000] ERROR Topic tidemark.dlq.warehouse-postgres doesn't exist. Will attempt to"
            + " create topic. (org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter)")).isFalse();
    }
}
