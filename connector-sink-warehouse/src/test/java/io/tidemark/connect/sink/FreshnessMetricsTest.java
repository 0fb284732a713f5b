package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freshness an operator graphs and alerts on, read over JMX from a sink task writing to real PostgreSQL:
 * per table, how old the newest merged change is (from its source commit time) and how long the oldest
 * buffered change has waited; per partition, how many consumed records are not yet in the warehouse.
 */
class FreshnessMetricsTest extends ScenarioBase {

    private static final long FIVE_MINUTES = 300_000;

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }

    @Test
    void tableAndPartitionMetricsShowWhatWaitsAndHowOldTheWarehouseIs() throws Exception {
        SinkHarness sink = task("name", "freshness", "buffer.count.records", "100000", "buffer.flush.time.ms", "3600000");
        ChangeEvents events = new ChangeEvents();
        long committedAt = System.currentTimeMillis() - FIVE_MINUTES;
        sink.put(List.of(changeCommittedAt(events, 1, committedAt), changeCommittedAt(events, 2, committedAt),
                changeCommittedAt(events, 3, committedAt)));
        long bufferedAt = System.currentTimeMillis();

        ObjectName table = name("type=warehouse-sink-table-metrics,connector=\"freshness\",task=\"0\",table=\""
                + ((PostgresWarehouse) warehouse).schema() + ".customers\"");
        ObjectName partition = name("type=warehouse-sink-partition-metrics,connector=\"freshness\",task=\"0\",topic=\""
                + ChangeEvents.TOPIC + "\",partition=0");
        assertThat(read(table, "NewestMergedChangeAgeMs")).as("nothing merged yet").isEqualTo(-1);
        assertThat(read(partition, "UnwrittenRecords")).as("three records consumed, none written").isEqualTo(3);
        long waited = awaitAbove(table, "OldestBufferedChangeAgeMs", 200);
        assertThat(waited).as("the oldest buffered change has waited since it was put, no longer")
                .isLessThanOrEqualTo(System.currentTimeMillis() - bufferedAt + 50);

        sink.commitUntilWritten(java.time.Duration.ofSeconds(30));

        assertThat(read(table, "OldestBufferedChangeAgeMs")).as("nothing waits after the flush").isZero();
        assertThat(read(partition, "UnwrittenRecords")).as("everything consumed is written").isZero();
        assertThat(read(table, "ChangesWritten")).isEqualTo(3);
        long age = read(table, "NewestMergedChangeAgeMs");
        assertThat(age).as("now minus the source commit time of the newest merged change")
                .isBetween(FIVE_MINUTES, System.currentTimeMillis() - committedAt);
        assertThat(awaitAbove(table, "NewestMergedChangeAgeMs", age + 20)).as("the age grows while nothing newer arrives")
                .isGreaterThan(age);

        sink.close();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(table)).as("unregistered when the task stops").isFalse();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(partition)).isFalse();
    }

    private static SinkRecord changeCommittedAt(ChangeEvents events, long id, long sourceTsMs) {
        SinkRecord change = events.insert(id, "name-" + id, id);
        events.rewindTo(events.nextOffset() - 1);
        Struct value = ((Struct) change.value()).put("__source_ts_ms", sourceTsMs);
        return events.record(change.key(), change.valueSchema(), value, new ConnectHeaders());
    }

    /** Polls the attribute until it exceeds {@code floor} (ages grow with the clock), failing after a deadline. */
    private static long awaitAbove(ObjectName name, String attribute, long floor) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            long value = read(name, attribute);
            if (value > floor) {
                return value;
            }
            assertThat(System.nanoTime()).as("%s above %d before the deadline (now %d)", attribute, floor, value).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static ObjectName name(String properties) throws Exception {
        return new ObjectName("io.tidemark.connect.sink:" + properties);
    }

    private static long read(ObjectName name, String attribute) throws Exception {
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
    }
}
