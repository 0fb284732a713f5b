package io.tidemark.connect.sink.model;

import io.tidemark.connect.sink.WarehouseSinkTask;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Connect worker running two tasks of one sink connector over the two partitions of a {@link ChangeLog}, by the
 * rules of Kafka's WorkerSinkTask: a put() that throws RetriableException gets the same batch again; before
 * preCommit the worker awaits the task's dead-letter reports, then commits the offsets preCommit returns; a
 * partition opened by a task is read from its committed offset; seeks the task asks for (context.offset) move the
 * consumer; stopping a connector commits, closes and stops its tasks. It checks the worker's side of the contract
 * (a committed offset never passes a dead-letter report that did not complete) and remembers how far the
 * partitions were delivered and committed, for the checks of the warehouse.
 */
final class SimulatedConnect implements AutoCloseable {

    private static final int MAX_REDELIVERIES = 20;

    private final ChangeLog log;
    private final Map<String, String> config;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private static final long DRAIN_TIMEOUT_NANOS = 60_000_000_000L;
    private final WarehouseSinkTask[] tasks = new WarehouseSinkTask[2];
    private final ModelTaskContext[] contexts = new ModelTaskContext[2];
    private final int[] owner = {0, 1};
    private final long[] position = new long[ChangeLog.PARTITIONS];
    private final long[] committed = new long[ChangeLog.PARTITIONS];
    private final long[] highestCommitted = new long[ChangeLog.PARTITIONS];
    private final long[] highestDelivered = new long[ChangeLog.PARTITIONS];
    private final List<ModelTaskContext.Report> reports = new ArrayList<>();
    private final Runnable afterCommit;

    SimulatedConnect(ChangeLog log, Map<String, String> config, Runnable afterCommit) {
        this.log = log;
        this.config = config;
        this.afterCommit = afterCommit;
        for (int p = 0; p < ChangeLog.PARTITIONS; p++) {
            partitions.add(new TopicPartition(log.topic(), p));
        }
        startTasks();
    }

    private void startTasks() {
        for (int i = 0; i < tasks.length; i++) {
            startTask(i);
        }
    }

    private void startTask(int i) {
        Map<String, String> taskConfig = new HashMap<>(config);
        taskConfig.put("tidemark.task.id", Integer.toString(i));
        contexts[i] = new ModelTaskContext(taskConfig, reports);
        tasks[i] = new WarehouseSinkTask();
        tasks[i].initialize(contexts[i]);
        tasks[i].start(taskConfig);
        List<TopicPartition> owned = owned(i);
        if (!owned.isEmpty()) {
            contexts[i].assignment().addAll(owned);
            owned.forEach(partition -> position[partition.partition()] = committed[partition.partition()]);
            tasks[i].open(owned);
            applySeeks(i);
        }
    }

    private List<TopicPartition> owned(int task) {
        List<TopicPartition> owned = new ArrayList<>();
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] == task) {
                owned.add(partitions.get(p));
            }
        }
        return owned;
    }

    void apply(DeliveryStep step, Runnable killConnections) {
        if (step instanceof DeliveryStep.Put put) {
            put(put.fromPartition0(), put.fromPartition1());
        } else if (step instanceof DeliveryStep.Commit) {
            commit();
        } else if (step instanceof DeliveryStep.Rebalance rebalance) {
            rebalance(rebalance.partition());
        } else if (step instanceof DeliveryStep.Restart restart) {
            restart(restart.task());
        } else if (step instanceof DeliveryStep.ResetOffset reset) {
            resetOffset(reset.partition(), reset.back());
        } else if (step instanceof DeliveryStep.KillConnections) {
            killConnections.run();
        }
    }

    /** One put() per task with the next records of its partitions (an empty put() too, as a poll that found nothing). */
    void put(int fromPartition0, int fromPartition1) {
        int[] wanted = {fromPartition0, fromPartition1};
        for (int i = 0; i < tasks.length; i++) {
            List<SinkRecord> batch = new ArrayList<>();
            int[] taken = new int[ChangeLog.PARTITIONS];
            for (TopicPartition partition : owned(i)) {
                int p = partition.partition();
                List<ChangeLog.Entry> entries = log.partition(p);
                int from = (int) position[p];
                int to = Math.min(entries.size(), from + wanted[p]);
                for (int offset = from; offset < to; offset++) {
                    batch.add(entries.get(offset).record());
                }
                taken[p] = Math.max(0, to - from);
            }
            deliver(i, batch);
            for (TopicPartition partition : owned(i)) {
                int p = partition.partition();
                position[p] += taken[p];
                highestDelivered[p] = Math.max(highestDelivered[p], position[p]);
            }
            applySeeks(i);
        }
    }

    private void deliver(int task, List<SinkRecord> batch) {
        for (int attempt = 0; ; attempt++) {
            try {
                tasks[task].put(batch);
                return;
            } catch (RetriableException e) {
                if (attempt >= MAX_REDELIVERIES) {
                    throw new AssertionError("put() kept failing after " + MAX_REDELIVERIES + " redeliveries", e);
                }
            }
        }
    }

    /** Connect's offset commit for every task. */
    void commit() {
        for (int i = 0; i < tasks.length; i++) {
            commit(i);
        }
        afterCommit.run();
    }

    private void commit(int task) {
        List<TopicPartition> owned = owned(task);
        // WorkerSinkTask awaits the errant-record reports of the task's partitions, then calls preCommit.
        reports.stream().filter(report -> owned.contains(coordinates(report.record))).forEach(ModelTaskContext.Report::complete);
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        owned.forEach(partition -> current.put(partition, new OffsetAndMetadata(position[partition.partition()])));
        Map<TopicPartition, OffsetAndMetadata> returned = tasks[task].preCommit(current);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : returned.entrySet()) {
            if (!owned.contains(entry.getKey())) {
                continue;
            }
            int p = entry.getKey().partition();
            long offset = entry.getValue().offset();
            for (ModelTaskContext.Report report : reports) {
                if (coordinates(report.record).equals(entry.getKey()) && report.record.originalKafkaOffset() < offset && !report.isDone()) {
                    throw new AssertionError("preCommit returned offset " + offset + " of partition " + p + " while the dead-letter report"
                            + " of its record at offset " + report.record.originalKafkaOffset() + " had not completed");
                }
            }
            committed[p] = offset;
            highestCommitted[p] = Math.max(highestCommitted[p], offset);
        }
        applySeeks(task);
    }

    private static TopicPartition coordinates(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    /** Cooperative rebalance: tasks commit, the partition moves to the other task and is read from its committed offset. */
    void rebalance(int partition) {
        commit();
        int from = owner[partition];
        int to = 1 - from;
        TopicPartition moved = partitions.get(partition);
        tasks[from].close(List.of(moved));
        contexts[from].assignment().remove(moved);
        applySeeks(from);
        owner[partition] = to;
        contexts[to].assignment().add(moved);
        position[partition] = committed[partition];
        tasks[to].open(List.of(moved));
        applySeeks(to);
    }

    /** The task dies without a commit; its replacement opens its partitions at their committed offsets. */
    void restart(int task) {
        tasks[task].stop();
        startTask(task);
    }

    /** The connector is stopped (commit, close, stop), the partition's committed offset moved back, and started again. */
    void resetOffset(int partition, int back) {
        stopConnector();
        committed[partition] = Math.max(0, committed[partition] - back);
        startTasks();
    }

    private void stopConnector() {
        commit();
        for (int i = 0; i < tasks.length; i++) {
            List<TopicPartition> owned = owned(i);
            try {
                if (!owned.isEmpty()) {
                    tasks[i].close(owned);
                }
            } finally {
                tasks[i].stop();
            }
        }
    }

    private void applySeeks(int task) {
        contexts[task].takeSeeks().forEach((partition, offset) -> {
            if (owner[partition.partition()] == task) {
                position[partition.partition()] = offset;
            }
        });
    }

    /**
     * Delivers, {@code batch} records per partition and put(), and commits until every record of both partitions is
     * committed.
     */
    void drain(int batch) {
        // Rounds, and time for a writer thread (flush.pipeline.depth) to finish what the last put() handed it.
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        for (int round = 0; round < 1000 || System.nanoTime() < deadline; round++) {
            if (allCommitted()) {
                return;
            }
            put(batch, batch);
            if (round % 2 == 1 || delivered()) {
                commit();
            }
        }
        throw new AssertionError("The sink never committed the end of the topic: committed " + List.of(committed[0], committed[1])
                + " of " + List.of(log.partition(0).size(), log.partition(1).size()));
    }

    private boolean delivered() {
        for (int p = 0; p < ChangeLog.PARTITIONS; p++) {
            if (position[p] < log.partition(p).size()) {
                return false;
            }
        }
        return true;
    }

    private boolean allCommitted() {
        for (int p = 0; p < ChangeLog.PARTITIONS; p++) {
            if (committed[p] != log.partition(p).size()) {
                return false;
            }
        }
        return true;
    }

    /** The highest offset (exclusive) ever committed for the partition. */
    long highestCommitted(int partition) {
        return highestCommitted[partition];
    }

    /** The highest offset (exclusive) ever delivered to a task for the partition. */
    long highestDelivered(int partition) {
        return highestDelivered[partition];
    }

    List<ModelTaskContext.Report> reports() {
        return reports;
    }

    @Override
    public void close() {
        for (WarehouseSinkTask task : tasks) {
            if (task != null) {
                try {
                    task.stop();
                } catch (RuntimeException e) {
                    // Stopping is what matters after a failed history.
                }
            }
        }
    }
}
