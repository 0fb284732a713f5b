package io.tidemark.connect.systemtest.bench;

import java.util.List;

/** One benchmark of the runner: prepares its input, runs its contenders, returns what it measured. */
public interface Benchmark {

    /** The name on the command line ({@code -Dbench=<id>}). */
    String id();

    List<BenchResult> run(BenchContext context) throws Exception;
}
