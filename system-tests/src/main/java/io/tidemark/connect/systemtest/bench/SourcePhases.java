package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.systemtest.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measurements of a source benchmark's round, the contenders one at a time in each: the snapshot of a fresh
 * table (rows/s), a backlog of changes committed while all were paused (events/s), and commit-to-Kafka latency at
 * a fixed rate. Holds the worker's JMX connection, for the heap samples.
 */
final class SourcePhases implements AutoCloseable {

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration LATENCY_DRAIN = Duration.ofMinutes(2);

    private final BenchContext context;
    private final LocalStack stack;
    private final List<SourceContender> contenders;
    private final List<Sample> snapshots = new ArrayList<>();
    private final List<Sample> streams = new ArrayList<>();
    private final List<Sample> latencies = new ArrayList<>();
    private final WorkerJmx worker;

    SourcePhases(BenchContext context, LocalStack stack, List<SourceContender> contenders) {
        this.context = context;
        this.stack = stack;
        this.contenders = contenders;
        this.worker = WorkerJmx.attach(stack.worker().process().pid());
    }

    void snapshot(int round, int rows) throws InterruptedException {
        for (SourceContender contender : contenders) {
            contender.create(round);
            contender.expectMore(rows);
            HeapSampler heap = HeapSampler.start(worker.memory());
            double seconds = contender.resumeUntilCaughtUp(PHASE_TIMEOUT);
            snapshots.add(log(Sample.of(contender.name(), round, rows / seconds, heap.stop(), null), "rows/s snapshot"));
        }
    }

    void streaming(int round, PgbenchWriters writers, int changes) throws Exception {
        long writeStart = System.nanoTime();
        PgbenchWriters.Written written = writers.burst(changes, (commitMs, seqs, count) -> { });
        context.log().printf(Locale.ROOT, "  round %d  writers committed %,d changes (%,d deletes) in %.1f s%n", round,
            written.changes(), written.deletes(), (System.nanoTime() - writeStart) / 1e9);
        contenders.forEach(contender -> contender.expectMore(written.records()));
        for (SourceContender contender : contenders) {
            HeapSampler heap = HeapSampler.start(worker.memory());
            double seconds = contender.resumeUntilCaughtUp(PHASE_TIMEOUT);
            streams.add(log(Sample.of(contender.name(), round, written.changes() / seconds, heap.stop(), null), "events/s streaming"));
        }
    }

    void latency(int round, PgbenchWriters writers, int rate, int seconds) throws Exception {
        for (SourceContender contender : contenders) {
            contender.resume();
            contender.awaitCaughtUp(PHASE_TIMEOUT);
            HeapSampler heap = HeapSampler.start(worker.memory());
            try (LatencyProbe probe = new LatencyProbe(stack.broker().bootstrapServers(), contender.topic(), contender.seqOf())) {
                PgbenchWriters.Written written = writers.paced((long) rate * seconds, rate, probe);
                contenders.forEach(each -> each.expectMore(written.records()));
                contender.awaitCaughtUp(LATENCY_DRAIN);
                long deadline = System.nanoTime() + LATENCY_DRAIN.toNanos();
                while (probe.unmatched() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                long[] sorted = probe.latencies();
                if (probe.unmatched() > 0) {
                    context.log().println("  note: " + probe.unmatched() + " changes of " + contender.name() + " had no record");
                }
                Sample sample = new Sample(contender.name(), round, LatencyProbe.percentile(sorted, 0.99),
                    LatencyProbe.percentile(sorted, 0.50), LatencyProbe.percentile(sorted, 0.99), heap.stop(),
                    probe.unmatched() == 0, LoadAverage.now());
                latencies.add(log(sample, "ms p99 latency (" + sorted.length + " changes)"));
            } finally {
                contender.pause();
            }
        }
    }

    List<Sample> snapshots() {
        return snapshots;
    }

    List<Sample> streams() {
        return streams;
    }

    List<Sample> latencies() {
        return latencies;
    }

    @Override
    public void close() {
        worker.close();
    }

    private Sample log(Sample sample, String what) {
        context.log().printf(Locale.ROOT, "  round %d  %-44s %12s %s  load %s%n", sample.round(), sample.contender(),
            ResultTable.format(sample.value()), what, sample.load());
        return sample;
    }
}
