package io.tidemark.connect.sink.metrics;

import io.tidemark.connect.sink.write.FlushResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-task metrics, registered as {@code io.tidemark.connect.sink:type=warehouse-sink-task-metrics,
 * connector=<name>,task=<id>}. Written by the task thread, read by JMX threads.
 */
public final class WarehouseSinkTaskMetrics implements WarehouseSinkTaskMetricsMBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTaskMetrics.class);

    private final AtomicLong recordsBuffered = new AtomicLong();
    private final AtomicLong bufferedBytes = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong flushFailures = new AtomicLong();
    private final AtomicLong rowsInserted = new AtomicLong();
    private final AtomicLong rowsUpdated = new AtomicLong();
    private final AtomicLong rowsDeleted = new AtomicLong();
    private final AtomicLong rowsSkipped = new AtomicLong();
    private final AtomicLong lastFlushDurationMs = new AtomicLong();
    private final AtomicLong maxFlushDurationMs = new AtomicLong();
    private final AtomicLong recordsSentToDlq = new AtomicLong();
    private final AtomicLong committedOffsetLag = new AtomicLong();
    private final AtomicLong assignedPartitions = new AtomicLong();
    private final AtomicLong unassignedMs = new AtomicLong();
    private ObjectName name;

    /** Registers the MBean; a failure to register only costs the metrics, never the task. */
    public void register(String connector, String task) {
        try {
            ObjectName objectName = new ObjectName("io.tidemark.connect.sink:type=warehouse-sink-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(this, objectName);
            name = objectName;
        } catch (JMException e) {
            LOG.warn("Could not register the sink task's JMX metrics", e);
        }
    }

    public void flushed(FlushResult result) {
        flushes.incrementAndGet();
        rowsInserted.addAndGet(result.inserted());
        rowsUpdated.addAndGet(result.updated());
        rowsDeleted.addAndGet(result.deleted());
        rowsSkipped.addAndGet(result.skipped());
        lastFlushDurationMs.set(result.durationMs());
        maxFlushDurationMs.accumulateAndGet(result.durationMs(), Math::max);
    }

    public void flushFailed() {
        flushFailures.incrementAndGet();
    }

    public void sentToDlq() {
        recordsSentToDlq.incrementAndGet();
    }

    public void buffer(long records, long bytes) {
        recordsBuffered.set(records);
        bufferedBytes.set(bytes);
    }

    public void lag(long lag) {
        committedOffsetLag.set(lag);
    }

    public void assignment(long partitions, long msWithoutPartitions) {
        assignedPartitions.set(partitions);
        unassignedMs.set(msWithoutPartitions);
    }

    @Override
    public long getAssignedPartitions() {
        return assignedPartitions.get();
    }

    @Override
    public long getUnassignedMs() {
        return unassignedMs.get();
    }

    @Override
    public long getRecordsBuffered() {
        return recordsBuffered.get();
    }

    @Override
    public long getBufferedBytes() {
        return bufferedBytes.get();
    }

    @Override
    public long getFlushes() {
        return flushes.get();
    }

    @Override
    public long getFlushFailures() {
        return flushFailures.get();
    }

    @Override
    public long getRowsInserted() {
        return rowsInserted.get();
    }

    @Override
    public long getRowsUpdated() {
        return rowsUpdated.get();
    }

    @Override
    public long getRowsDeleted() {
        return rowsDeleted.get();
    }

    @Override
    public long getRowsSkipped() {
        return rowsSkipped.get();
    }

    @Override
    public long getLastFlushDurationMs() {
        return lastFlushDurationMs.get();
    }

    @Override
    public long getMaxFlushDurationMs() {
        return maxFlushDurationMs.get();
    }

    @Override
    public long getRecordsSentToDlq() {
        return recordsSentToDlq.get();
    }

    @Override
    public long getCommittedOffsetLag() {
        return committedOffsetLag.get();
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            LOG.debug("Metrics MBean already unregistered", e);
        } catch (JMException e) {
            LOG.warn("Could not unregister the sink task's JMX metrics", e);
        }
        name = null;
    }
}
