package io.tidemark.connect.systemtest.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest heap use of a JVM during a run, sampled every 100 ms from its {@link MemoryMXBean} (this JVM's,
 * or a worker's through {@link WorkerJmx}), as a monitoring tool would show it: live data plus garbage not yet
 * collected.
 */
public final class HeapSampler implements AutoCloseable {

    private static final long INTERVAL_MS = 100;

    private final MemoryMXBean memory;
    private final AtomicLong peak = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler(MemoryMXBean memory) {
        this.memory = memory;
        this.thread = new Thread(this::sample, "bench-heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Samples {@code memory} until {@link #stop()}. */
    public static HeapSampler start(MemoryMXBean memory) {
        return new HeapSampler(memory);
    }

    /** Samples this JVM, after a GC so that garbage of earlier runs does not count. */
    public static HeapSampler startLocal() {
        System.gc();
        return new HeapSampler(ManagementFactory.getMemoryMXBean());
    }

    private void sample() {
        while (running) {
            record();
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record() {
        try {
            long used = memory.getHeapMemoryUsage().getUsed();
            peak.accumulateAndGet(used, Math::max);
        } catch (RuntimeException e) {
            // A remote JVM that went away: the peak stays what was seen.
        }
    }

    /** Stops sampling (if not yet stopped) and returns the peak in bytes (-1 if nothing could be read). */
    public long stop() {
        if (!running) {
            return peak.get();
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        record();
        return peak.get();
    }

    @Override
    public void close() {
        stop();
    }
}
