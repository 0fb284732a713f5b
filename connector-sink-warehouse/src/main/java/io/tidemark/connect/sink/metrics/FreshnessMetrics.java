package io.tidemark.connect.sink.metrics;

import io.tidemark.connect.sink.convert.KafkaCoordinates;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Freshness of one sink task's output, per table ({@link TableFreshnessMBean}) and per partition
 * ({@link PartitionLagMBean}), one MBean each, registered when the task first sees the table or partition.
 * Ages are computed when read, so they keep growing while the task is stuck. Written by the task thread, read by
 * JMX threads.
 */
public final class FreshnessMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessMetrics.class);
    private static final long NONE = -1;

    private final LongSupplier clock;
    private final Map<TableId, Table> tables = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private String connector;
    private String task;

    public FreshnessMetrics(LongSupplier clock) {
        this.clock = clock;
    }

    public void register(String connectorName, String taskId) {
        this.connector = connectorName;
        this.task = taskId;
    }

    /** A change entered the buffer. */
    public void buffered(RowChange change) {
        long now = clock.getAsLong();
        Table table = tables.computeIfAbsent(change.table(), this::newTable);
        if (table.oldestBufferedAt == NONE) {
            table.oldestBufferedAt = now;
        }
        KafkaCoordinates origin = change.origin();
        Partition partition = partitions.computeIfAbsent(origin.topicPartition(), this::newPartition);
        partition.consumedNext = Math.max(partition.consumedNext, origin.offset() + 1);
    }

    /** The buffered changes of a table are committed in the warehouse. */
    public void written(TableId id, List<RowChange> changes) {
        Table table = tables.computeIfAbsent(id, this::newTable);
        long newest = NONE;
        for (RowChange change : changes) {
            if (change.sourceTsMs() != null) {
                newest = Math.max(newest, change.sourceTsMs());
            }
        }
        if (newest != NONE) {
            table.newestMergedSourceTs = Math.max(table.newestMergedSourceTs, newest);
        }
        table.changesWritten += changes.size();
        table.oldestBufferedAt = NONE;
    }

    /** The buffer was dropped (partitions taken away after a failed flush): nothing waits any more. */
    public void bufferDropped() {
        tables.values().forEach(table -> table.oldestBufferedAt = NONE);
    }

    /**
     * The first unwritten offset of each partition with buffered records (partitions absent have nothing
     * unwritten).
     */
    public void unwritten(Map<TopicPartition, Long> floors) {
        partitions.forEach((id, partition) -> {
            Long floor = floors.get(id);
            partition.unwritten = floor == null ? 0 : Math.max(0, partition.consumedNext - floor);
        });
    }

    /** The partitions are no longer this task's: their MBeans go. */
    public void revoked(Collection<TopicPartition> revoked) {
        for (TopicPartition id : revoked) {
            Partition partition = partitions.remove(id);
            if (partition != null) {
                unregister(partition.name);
            }
        }
    }

    @Override
    public void close() {
        tables.values().forEach(table -> unregister(table.name));
        partitions.values().forEach(partition -> unregister(partition.name));
        tables.clear();
        partitions.clear();
    }

    private Table newTable(TableId id) {
        Table table = new Table();
        table.name = registerAs("type=warehouse-sink-table-metrics" + owner() + ",table=" + ObjectName.quote(id.toString()), table,
                TableFreshnessMBean.class);
        return table;
    }

    private Partition newPartition(TopicPartition id) {
        Partition partition = new Partition();
        partition.name = registerAs("type=warehouse-sink-partition-metrics" + owner() + ",topic=" + ObjectName.quote(id.topic())
                + ",partition=" + id.partition(), partition, PartitionLagMBean.class);
        return partition;
    }

    private String owner() {
        return ",connector=" + ObjectName.quote(connector == null ? "unknown" : connector) + ",task="
                + ObjectName.quote(task == null ? "0" : task);
    }

    /** A failure to register only costs the metric, never the task. */
    private static <T> ObjectName registerAs(String properties, T mbean, Class<T> view) {
        try {
            ObjectName name = new ObjectName("io.tidemark.connect.sink:" + properties);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(mbean, view), name);
            return name;
        } catch (JMException e) {
            LOG.debug("Could not register the metrics {}", properties, e);
            return null;
        }
    }

    private static void unregister(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("Could not unregister the metrics {}", name, e);
        }
    }

    private final class Table implements TableFreshnessMBean {
        private volatile long newestMergedSourceTs = NONE;
        private volatile long oldestBufferedAt = NONE;
        private volatile long changesWritten;
        private ObjectName name;

        @Override
        public long getNewestMergedChangeAgeMs() {
            long newest = newestMergedSourceTs;
            return newest == NONE ? NONE : Math.max(0, clock.getAsLong() - newest);
        }

        @Override
        public long getOldestBufferedChangeAgeMs() {
            long oldest = oldestBufferedAt;
            return oldest == NONE ? 0 : Math.max(0, clock.getAsLong() - oldest);
        }

        @Override
        public long getChangesWritten() {
            return changesWritten;
        }
    }

    private static final class Partition implements PartitionLagMBean {
        private volatile long consumedNext;
        private volatile long unwritten;
        private ObjectName name;

        @Override
        public long getUnwrittenRecords() {
            return unwritten;
        }
    }
}
