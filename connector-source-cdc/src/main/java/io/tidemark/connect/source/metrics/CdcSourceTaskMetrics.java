package io.tidemark.connect.source.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemark.connect.source.postgres.DatabaseConnections;

/**
 * The source task's own metrics, beside Debezium's: how far the slot is behind the server, and how long since
 * anything arrived. Registered as {@code io.tidemark.connect.source:type=cdc-source-task-metrics,connector=<name>,
 * task=0}. Written by the task thread, read by JMX threads.
 */
public final class CdcSourceTaskMetrics implements CdcSourceTaskMetricsMBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CdcSourceTaskMetrics.class);

    private final SlotLag slotLag;
    private final LongSupplier clock;
    private final AtomicLong lastRecordAt = new AtomicLong(-1);
    private final AtomicLong recordsPolled = new AtomicLong();
    private ObjectName name;

    public CdcSourceTaskMetrics(DatabaseConnections connections, String slotName, LongSupplier clock) {
        this.slotLag = new SlotLag(connections, slotName, clock);
        this.clock = clock;
    }

    /** Registers the MBean; a failure to register only costs the metrics, never the task. */
    public void register(String connector, String task) {
        try {
            ObjectName objectName = new ObjectName("io.tidemark.connect.source:type=cdc-source-task-metrics,connector="
                    + ObjectName.quote(connector) + ",task=" + ObjectName.quote(task));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(this, objectName);
            name = objectName;
        } catch (JMException e) {
            LOG.warn("Could not register the source task's JMX metrics", e);
        }
    }

    /** What one poll handed to Connect. */
    public void polled(List<?> records) {
        if (records != null && !records.isEmpty()) {
            lastRecordAt.set(clock.getAsLong());
            recordsPolled.addAndGet(records.size());
        }
    }

    @Override
    public long getSlotLagBytes() {
        return slotLag.lagBytes();
    }

    @Override
    public long getSlotRetainedWalBytes() {
        return slotLag.retainedBytes();
    }

    @Override
    public long getMillisSinceLastRecord() {
        long last = lastRecordAt.get();
        return last < 0 ? -1 : Math.max(0, clock.getAsLong() - last);
    }

    @Override
    public long getRecordsPolled() {
        return recordsPolled.get();
    }

    @Override
    public void close() {
        slotLag.close();
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.debug("Could not unregister the source task's JMX metrics", e);
        }
        name = null;
    }
}
