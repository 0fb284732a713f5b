package io.tidemark.connect.systemtest.bench;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * JMX of a running Connect worker, reached through the JDK's attach API (the worker needs no JMX port or flag):
 * its heap, for the benchmarks' peak-heap column, and the plugins' MBean attributes, as a monitoring tool reads them.
 */
public final class WorkerJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private WorkerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** Attaches to the JVM with this process id (same user) and starts its local management agent. */
    public static WorkerJmx attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return new WorkerJmx(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (AttachNotSupportedException | IOException e) {
            throw new IllegalStateException("Could not attach to JVM " + pid + " for its heap figures", e);
        }
    }

    public MemoryMXBean memory() {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        } catch (IOException e) {
            throw new IllegalStateException("The worker's MemoryMXBean is unreachable", e);
        }
    }

    /** A numeric attribute of an MBean, e.g. a sink task's {@code AssignedPartitions}. */
    public long attribute(String objectName, String attribute) {
        try {
            return ((Number) server.getAttribute(new ObjectName(objectName), attribute)).longValue();
        } catch (IOException | JMException e) {
            throw new IllegalStateException("Could not read " + objectName + " " + attribute, e);
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // Closing a connection to a JVM that may already be gone.
        }
    }
}
