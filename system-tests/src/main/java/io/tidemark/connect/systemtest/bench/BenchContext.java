package io.tidemark.connect.systemtest.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every benchmark gets from the runner.
 *
 * @param options     the command line's key=value options
 * @param projectRoot the project's root folder (README.md, config-examples/)
 * @param peerPlugins the folder holding the peers' unpacked plugin directories
 * @param outputDir   system-tests/target/bench
 * @param log         where progress is printed
 */
public record BenchContext(BenchOptions options, Path projectRoot, Path peerPlugins, Path outputDir, PrintStream log) {

    public int rounds() {
        return options.rounds();
    }

    /** config-examples/ of the source tree, for benchmarks that run without the stack (the zip's etc/ otherwise). */
    public Path configExamples() {
        return projectRoot.resolve("config-examples");
    }
}
