package io.tidemark.connect.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.connect.ConnectRestClient;
import io.tidemark.connect.systemtest.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One CDC connector of a source benchmark, a new instance each round (its own topic prefix and, on PostgreSQL,
 * slot and publication, so each round snapshots afresh). It is paused between its measurements, so only one
 * connector works at a time; the records it should have written so far are counted, and "caught up" means its
 * topic holds them.
 */
final class SourceContender {

    private static final Duration STATE_TIMEOUT = Duration.ofMinutes(3);
    private static final long POLL_MS = 50;

    private final String name;
    private final String label;
    private final LocalStack stack;
    private final IntFunction<Map<String, String>> config;
    private final Function<JsonNode, JsonNode> seqOf;
    private final String table;
    private final Cleanup cleanup;
    private String connector;
    private String topic;
    private long expectedRecords;

    /** What a deleted connector leaves on the source server or in Kafka besides its topic, removed by prefix. */
    @FunctionalInterface
    interface Cleanup {
        void after(String prefix) throws Exception;
    }

    /**
     * @param label   short prefix of connector, slot, publication and topic names
     * @param config  the connector's config for a round, given its isolation prefix
     * @param seqOf   where a record's JSON payload holds the row's {@code seq}
     * @param table   the captured table as the topic names it, after the prefix
     * @param cleanup run with the prefix once a round's connector is deleted
     */
    SourceContender(String name, String label, LocalStack stack, IntFunction<Map<String, String>> config,
                    Function<JsonNode, JsonNode> seqOf, String table, Cleanup cleanup) {
        this.name = name;
        this.label = label;
        this.stack = stack;
        this.config = config;
        this.seqOf = seqOf;
        this.table = table;
        this.cleanup = cleanup;
    }

    String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    Function<JsonNode, JsonNode> seqOf() {
        return seqOf;
    }

    static String prefix(String label, int round) {
        return label + "_r" + round;
    }

    /** Creates this round's connector, paused, with its topic created beforehand with broker append times. */
    void create(int round) {
        String prefix = prefix(label, round);
        connector = "bench-" + prefix;
        topic = prefix + "." + table;
        stack.kafka().create(topic, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        stack.connect().createConnector(connector, config.apply(round), "PAUSED");
        awaitState("PAUSED");
        expectedRecords = 0;
    }

    void expectMore(long records) {
        expectedRecords += records;
    }

    /** Resumes, waits until the topic holds every expected record, pauses; returns the seconds from resume to caught up. */
    double resumeUntilCaughtUp(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        resume();
        awaitCaughtUp(timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        pause();
        return seconds;
    }

    void resume() {
        stack.connect().resume(connector);
    }

    void pause() {
        stack.connect().pause(connector);
        awaitState("PAUSED");
    }

    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long checks = 0;
        while (records() < expectedRecords) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(connector + " wrote " + records() + " of " + expectedRecords + " records within "
                    + timeout + "; status " + stack.connect().status(connector));
            }
            if (++checks % 100 == 0 && stack.connect().status(connector).hasFailure()) {
                throw new IllegalStateException(connector + " failed: " + stack.connect().status(connector).failureTraces());
            }
            Thread.sleep(POLL_MS);
        }
        if (records() > expectedRecords) {
            System.out.println("  note: " + connector + " wrote " + (records() - expectedRecords) + " records more than expected "
                + "(redelivered)");
            expectedRecords = records();
        }
    }

    private long records() {
        return stack.kafka().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private void awaitState(String state) {
        ConnectRestClient rest = stack.connect();
        Await.until(connector + " " + state, STATE_TIMEOUT, () -> {
            var status = rest.status(connector);
            return state.equals(status.connector().state()) && status.tasks().stream().allMatch(task -> state.equals(task.state()));
        }, () -> String.valueOf(rest.status(connector)));
    }

    /** Deletes the connector and its topic, then what the cleanup removes (a slot and publication, a history topic). */
    void delete() {
        if (connector == null) {
            return;
        }
        String prefix = connector.substring("bench-".length());
        stack.connect().deleteConnector(connector);
        Await.until(connector + " deleted", STATE_TIMEOUT, () -> !stack.connect().connectors().contains(connector));
        try {
            cleanup.after(prefix);
        } catch (Exception e) {
            throw new IllegalStateException("Cleaning up after " + connector + " failed", e);
        }
        stack.kafka().delete(java.util.List.of(topic));
        connector = null;
    }
}
