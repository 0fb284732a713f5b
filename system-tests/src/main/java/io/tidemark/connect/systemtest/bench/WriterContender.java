package io.tidemark.connect.systemtest.bench;

import java.sql.SQLException;

/**
 * One way of writing the writer benchmark's flushes into a table: the table is rebuilt before each run
 * (outside the measurement), the flushes and the database's deferred work ({@link WriterTable#finishRun()}) are
 * timed, and the table is checked afterwards.
 * The figure is changes per second of flush time.
 */
abstract class WriterContender implements Contender {

    private final String name;
    private final WriterTable table;
    private final WriterWorkload workload;
    private final boolean startsFilled;

    /**
     * @param startsFilled true when the changes apply to the template's rows; false for the load ceilings,
     *                     which put every change as a new row into an empty table
     */
    WriterContender(String name, WriterTable table, WriterWorkload workload, boolean startsFilled) {
        this.name = name;
        this.table = table;
        this.workload = workload;
        this.startsFilled = startsFilled;
    }

    @Override
    public String name() {
        return name;
    }

    WriterWorkload workload() {
        return workload;
    }

    /** Writes every flush of {@link #workload()}; returns the nanoseconds spent writing (preparation excluded). */
    abstract long writeFlushes() throws Exception;

    @Override
    public Sample run(int round) throws Exception {
        table.reset(startsFilled);
        long nanos;
        long peak;
        try (HeapSampler heap = HeapSampler.startLocal()) {
            nanos = writeFlushes();
            long finish = System.nanoTime();
            table.finishRun();
            nanos += System.nanoTime() - finish;
            peak = heap.stop();
        }
        return Sample.of(name, round, workload.changes() / (nanos / 1e9), peak, isCorrect());
    }

    private boolean isCorrect() throws SQLException {
        WriterWorkload.Fingerprint found = table.fingerprint();
        return startsFilled ? found.equals(workload.expected()) : found.rows() == workload.changes();
    }
}
