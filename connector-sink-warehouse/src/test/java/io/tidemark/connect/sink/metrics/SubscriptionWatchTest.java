package io.tidemark.connect.sink.metrics;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A sink task that reads nothing says so: once, after the configured time, and in its metrics. */
class SubscriptionWatchTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final WarehouseSinkTaskMetrics metrics = new WarehouseSinkTaskMetrics();
    private final SubscriptionWatch watch = new SubscriptionWatch("warehouse-postgres", "0",
            "topics.regex 'tm\\.public\\..*'", 60_000, now::get);

    @Test
    void warnsOnceWhenNoPartitionWasAssignedForTheConfiguredTime() {
        now.addAndGet(59_999);
        assertThat(watch.check(metrics)).as("before the time is up").isFalse();
        assertThat(metrics.getUnassignedMs()).isEqualTo(59_999);
        now.addAndGet(1);
        assertThat(watch.check(metrics)).as("when the time is up").isTrue();
        now.addAndGet(60_000);
        assertThat(watch.check(metrics)).as("again later").isFalse();
        assertThat(metrics.getUnassignedMs()).isEqualTo(120_000);
        assertThat(metrics.getAssignedPartitions()).isZero();
    }

    @Test
    void aTaskWithPartitionsNeverWarnsAndWarnsAgainAfterLosingThemAll() {
        TopicPartition customers = new TopicPartition("shop.public.customers", 0);
        watch.assigned(List.of(customers));
        now.addAndGet(120_000);
        assertThat(watch.check(metrics)).isFalse();
        assertThat(metrics.getAssignedPartitions()).isEqualTo(1);
        assertThat(metrics.getUnassignedMs()).isZero();

        watch.revoked(List.of(customers));
        now.addAndGet(59_000);
        assertThat(watch.check(metrics)).as("the time counts from losing the last partition").isFalse();
        now.addAndGet(1_000);
        assertThat(watch.check(metrics)).isTrue();
    }

    @Test
    void zeroTurnsTheWarningOffButNotTheMetric() {
        SubscriptionWatch silent = new SubscriptionWatch("c", "0", "topics 'x'", 0, now::get);
        now.addAndGet(3_600_000);
        assertThat(silent.check(metrics)).isFalse();
        assertThat(metrics.getUnassignedMs()).isEqualTo(3_600_000);
    }

    /** Tasks beyond the topics' partitions rightly get none; task 0 gets one whenever a topic matches. */
    @Test
    void onlyTaskZeroWarnsButEveryTaskCounts() {
        SubscriptionWatch second = new SubscriptionWatch("c", "1", "topics 'x'", 60_000, now::get);
        now.addAndGet(120_000);
        assertThat(second.check(metrics)).isFalse();
        assertThat(metrics.getUnassignedMs()).isEqualTo(120_000);
    }

    @Test
    void namesTheRegexOrTheTopicListTheTaskWasGiven() {
        assertThat(SubscriptionWatch.describe(Map.of("topics.regex", "shop\\.public\\..*")))
                .isEqualTo("topics.regex 'shop\\.public\\..*'");
        assertThat(SubscriptionWatch.describe(Map.of("topics", "a,b"))).isEqualTo("topics 'a,b'");
    }
}
