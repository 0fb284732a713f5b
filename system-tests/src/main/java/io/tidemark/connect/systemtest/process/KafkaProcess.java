package io.tidemark.connect.systemtest.process;

import io.tidemark.connect.systemtest.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * A long-running Kafka server process (broker or Connect worker) as its start script runs it: one main
 * class, one properties file, one log. It can be stopped, killed and started again with the same
 * config, so fault tests can take it down and bring it back.
 */
public final class KafkaProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final KafkaRuntime runtime;
    private final String name;
    private final String maxHeap;
    private final List<String> extraJvmOptions;
    private final String mainClass;
    private final Path configFile;
    private final Path logFile;
    private ChildJvm current;

    public KafkaProcess(KafkaRuntime runtime, String name, String maxHeap, String mainClass, Path configFile,
                        Path logFile) {
        this(runtime, name, maxHeap, List.of(), mainClass, configFile, logFile);
    }

    /** A process whose JVM gets {@code extraJvmOptions} on top of the harness's own, at every start. */
    public KafkaProcess(KafkaRuntime runtime, String name, String maxHeap, List<String> extraJvmOptions, String mainClass,
                        Path configFile, Path logFile) {
        this.runtime = runtime;
        this.name = name;
        this.maxHeap = maxHeap;
        this.extraJvmOptions = List.copyOf(extraJvmOptions);
        this.mainClass = mainClass;
        this.configFile = configFile;
        this.logFile = logFile;
    }

    public Path configFile() {
        return configFile;
    }

    public Path logFile() {
        return logFile;
    }

    public void writeConfig(Map<String, String> config, String comment) {
        Properties properties = new Properties();
        properties.putAll(config);
        try {
            Files.createDirectories(configFile.getParent());
            try (Writer out = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                properties.store(out, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + configFile, e);
        }
    }

    /**
     * Starts the process and polls {@code ready} until it says yes; fails at once, with the log's
     * path and last lines, if the process exits meanwhile.
     */
    public synchronized void start(String readiness, Duration timeout, Callable<Boolean> ready) {
        if (current != null && current.isAlive()) {
            throw new IllegalStateException(name + " is already running: " + current);
        }
        current = runtime.start(name, maxHeap, extraJvmOptions, mainClass, List.of(configFile.toString()), logFile);
        ChildJvm started = current;
        Await.until(readiness, timeout, () -> {
            if (!started.isAlive()) {
                throw new AssertionError(name + " exited");
            }
            return ready.call();
        }, started::diagnostics);
    }

    /** SIGTERM, as an operator's restart; SIGKILL if it has not exited within 30 s. */
    public synchronized void stop() {
        if (current != null) {
            current.stop(STOP_GRACE);
        }
    }

    /** SIGKILL: a crash. */
    public synchronized void kill() {
        if (current != null) {
            current.kill();
        }
    }

    public synchronized boolean isRunning() {
        return current != null && current.isAlive();
    }

    /** The current (or last) OS process, for its pid, memory and diagnostics; null before the first start. */
    public synchronized ChildJvm current() {
        return current;
    }

    @Override
    public String toString() {
        return current == null ? name : current.toString();
    }
}
