package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * The source task's metrics over JMX against real PostgreSQL: the slot's lag behind the server's WAL grows while
 * changes are written and nobody consumes them, and falls once they are consumed and committed; the time since
 * the last record restarts with every poll that returns one.
 */
class SourceTaskMetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void slotLagGrowsWithUnconsumedChangesAndFallsOnceTheyAreCommitted() throws Exception {
        server.execute("CREATE TABLE public.meter (id INT PRIMARY KEY, amount INT)", "INSERT INTO public.meter VALUES (1, 1)");
        Map<String, String> config = new HashMap<>(SourceConfigs.capturing(server, "meter", "public\\.meter"));
        config.put("heartbeat.interval.ms", "100");
        ObjectName name = new ObjectName("io.tidemark.connect.source:type=cdc-source-task-metrics,connector=\"meter\",task=\"0\"");
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config, TaskRunner.newOffsetStore()).start()) {
            assertThat(read(name, "MillisSinceLastRecord")).as("before any record").isEqualTo(-1);
            runner.pollUntil(records -> changesOn(records, "meter.public.meter").size() == 1, TIMEOUT, "the snapshot");
            runner.commit();
            assertThat(read(name, "MillisSinceLastRecord")).isBetween(0L, 5_000L);
            assertThat(read(name, "RecordsPolled")).isPositive();
            long before = awaitValue(name, "SlotLagBytes", value -> value >= 0, "a readable slot lag");
            assertThat(read(name, "SlotRetainedWalBytes")).isGreaterThanOrEqualTo(before);

            server.execute("INSERT INTO public.meter SELECT g, g FROM generate_series(2, 5001) g");
            long peak = awaitValue(name, "SlotLagBytes", value -> value > before + 100_000, "the lag to grow past the unconsumed insert");

            long fallen = awaitValue(name, "SlotLagBytes", value -> {
                try {
                    runner.pollOnce();
                    runner.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return value < peak / 2;
            }, "the lag to fall once the changes are consumed and committed");
            assertThat(fallen).isLessThan(peak);
            assertThat(changesOn(runner.received(), "meter.public.meter")).hasSizeGreaterThanOrEqualTo(5001);
        }
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).as("unregistered when the task stops").isFalse();
    }

    private static long awaitValue(ObjectName name, String attribute, java.util.function.LongPredicate done, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long value = read(name, attribute);
            if (done.test(value)) {
                return value;
            }
            assertThat(System.nanoTime()).as("%s before the deadline (%s is %d)", what, attribute, value).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long read(ObjectName name, String attribute) throws Exception {
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
    }
}
