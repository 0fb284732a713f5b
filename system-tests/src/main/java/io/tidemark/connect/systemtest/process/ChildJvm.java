package io.tidemark.connect.systemtest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started by the harness (a broker, a Connect worker, a Kafka tool), with its output
 * in a log file. It runs under {@link ParentWatchdog}, so it dies with the JVM that started it.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code mainClass} in a new JVM. Output (stdout and stderr) is appended to
     * {@code logFile}, so a restarted process keeps one log with its whole history.
     */
    public static ChildJvm start(String name, List<Path> classpath, List<String> jvmOptions,
                                 String mainClass, List<String> args, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
            return new ChildJvm(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + " (log " + logFile + ")", e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    /** Runs a short-lived tool to completion and fails with its log if it does not exit with 0. */
    public static void run(String name, List<Path> classpath, List<String> jvmOptions, String mainClass,
                           List<String> args, Path logFile, Duration timeout) {
        ChildJvm tool = start(name, classpath, jvmOptions, mainClass, args, logFile);
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout + "\n" + tool.diagnostics());
            }
            if (tool.process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + tool.process.exitValue() + "\n"
                    + tool.diagnostics());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.kill();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Resident memory of the process in bytes, from /proc (0 when unknown or not running). */
    public long residentBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited within {@code grace}; in that case the
     * child's thread dump is appended to its log first, to show where its shutdown hung.
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                appendThreadDump();
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL, as a crash or an OOM killer would: no shutdown hook runs in the child. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(DEFAULT_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    private void appendThreadDump() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Files.writeString(logFile, "\n==== tidemark harness: " + name + " did not stop after SIGTERM; thread dump:\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
            if (!dump.waitFor(20, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            // The dump is a diagnostic only; the kill that follows must still happen.
        }
    }

    /** Where to look when something went wrong: state, log path and the log's last lines. */
    public String diagnostics() {
        String state = process.isAlive() ? "running" : "exited with " + process.exitValue();
        return name + " (pid " + process.pid() + ", " + state + "), log: " + logFile + "\n"
            + "---- last lines of " + logFile.getFileName() + " ----\n" + LogTail.of(logFile, 40);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}
