package io.tidemark.connect.systemtest.bench;

/** One of the things a benchmark compares: runs once per round on the benchmark's prepared input. */
public interface Contender {

    String name();

    /** Runs once and returns the sample of {@code round} (1-based). */
    Sample run(int round) throws Exception;
}
