package io.tidemark.connect.sink.metrics;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Notices a task that has no partition to read. A topics.regex that matches no topic (a source writing
 * other names than the sink expects) is accepted by Connect, the connector reports RUNNING, and the
 * warehouse stays empty. After {@code unassigned.warn.ms} without a partition, one WARN names the
 * subscription and what to check; it is logged again only after partitions came and went again.
 *
 * <p>A task sees its own assignment only, and with more tasks than the topics have partitions some
 * tasks rightly get none (the examples run two tasks over two single-partition topics). Only task 0
 * warns: Connect's sink consumers assign with the RangeAssignor by default, which gives the first
 * member (task 0's client id sorts first) a partition of every topic that has one, so task 0 idle means
 * no topic matches. Every task's metrics count.
 */
public final class SubscriptionWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWatch.class);

    private final String connector;
    private final String subscription;
    private final long warnAfterMs;
    private final LongSupplier clock;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long unassignedSince;
    private boolean warned;

    /** @param warnAfterMs 0 turns the warning off (the metrics still count); other tasks than 0 never warn */
    public SubscriptionWatch(String connector, String task, String subscription, long warnAfterMs, LongSupplier clock) {
        this.connector = connector;
        this.subscription = subscription;
        this.warnAfterMs = "0".equals(task) ? warnAfterMs : 0;
        this.clock = clock;
        this.unassignedSince = clock.getAsLong();
    }

    /** "topics.regex 'shop\.public\..*'" or "topics 'a,b'", from the task's configuration. */
    public static String describe(Map<String, String> taskConfig) {
        String regex = taskConfig.get("topics.regex");
        if (regex != null && !regex.isBlank()) {
            return "topics.regex '" + regex + "'";
        }
        return "topics '" + taskConfig.getOrDefault("topics", "") + "'";
    }

    public void assigned(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        if (!assigned.isEmpty()) {
            warned = false;
        }
    }

    public void revoked(Collection<TopicPartition> partitions) {
        boolean had = !assigned.isEmpty();
        assigned.removeAll(partitions);
        if (had && assigned.isEmpty()) {
            unassignedSince = clock.getAsLong();
        }
    }

    /** How long the task has had no partition; 0 while it has some. */
    public long unassignedMs() {
        return assigned.isEmpty() ? Math.max(0, clock.getAsLong() - unassignedSince) : 0;
    }

    /**
     * Updates the metrics and logs the warning when it is due; called from put(), which Connect calls
     * after every poll, records or not.
     *
     * @return whether this call logged the warning
     */
    public boolean check(WarehouseSinkTaskMetrics metrics) {
        long unassigned = unassignedMs();
        metrics.assignment(assigned.size(), unassigned);
        if (warnAfterMs > 0 && !warned && assigned.isEmpty() && unassigned >= warnAfterMs) {
            warned = true;
            LOG.warn("Connector {}: task 0 has been assigned no partition for {} ms: its {} matches no topic, "
                    + "so nothing reaches the warehouse. Compare the pattern with the topics your source writes "
                    + "(its topic.prefix, or its TopicRouter's topic.template), e.g. with kafka-topics.sh --list; "
                    + "it must match a whole topic name. The task metric UnassignedMs counts the time.", connector,
                    unassigned, subscription);
            return true;
        }
        return false;
    }
}
