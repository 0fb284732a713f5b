package io.tidemark.connect.systemtest.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the workers logged from a moment on, held against the logging promise of the README ("Operating
 * Tidemark"): in normal operation no ERROR at all, and no WARN from Tidemark's packages or the Debezium inside the
 * bundle, except the lines of an allowlist, each with the reason it is not a problem. Connect's own WARNs (group
 * membership, broker connections) are Connect's business and not checked.
 */
public final class WorkerLogAudit {

    /** A log line allowed although it is a WARN or ERROR: its logger, a part of its message, and why it is fine. */
    public record Allowed(String logger, String messageContains, String reason) {

        boolean matches(LogLine line) {
            return line.logger().equals(logger) && line.message().contains(messageContains);
        }
    }

    /** One line as the workers' log4j layout writes it: {@code [time] LEVEL message (logger)}. */
    public record LogLine(String level, String message, String logger) {

        private static final Pattern LAYOUT = Pattern.compile("^\\[[^\\]]+\\] (WARN|ERROR) (.*) \\(([\\w.$]+)\\)$");

        /** The line's level, message and logger, or null for other levels and for stack-trace lines. */
        static LogLine parse(String text) {
            Matcher matcher = LAYOUT.matcher(text);
            return matcher.matches() ? new LogLine(matcher.group(1), matcher.group(2), matcher.group(3)) : null;
        }

        @Override
        public String toString() {
            return level + " " + message + " (" + logger + ")";
        }
    }

    /**
     * Lines Connect logs at ERROR or WARN in a run where nothing is wrong. Kept short on purpose: a new entry needs
     * a reason an operator would accept.
     */
    public static final List<Allowed> NORMAL_OPERATION = List.of(
        // Connect creates a sink's dead-letter topic on first use and says so at ERROR; the topic is then there.
        new Allowed("org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter", "doesn't exist. Will attempt to create topic",
            "Connect creates the configured dead-letter topic"));

    private static final List<String> CHECKED_WARN_PREFIXES = List.of("io.tidemark.", "io.debezium.");

    private final Map<Path, Long> marks;

    private WorkerLogAudit(Map<Path, Long> marks) {
        this.marks = marks;
    }

    /** Starts auditing the workers' logs from their current ends. */
    public static WorkerLogAudit startingNow(List<ConnectWorker> workers) {
        Map<Path, Long> marks = new LinkedHashMap<>();
        for (ConnectWorker worker : workers) {
            marks.put(worker.logFile(), size(worker.logFile()));
        }
        return new WorkerLogAudit(marks);
    }

    /** The lines logged since the start that break the promise, each prefixed with its worker's log file name. */
    public List<String> problems(List<Allowed> allowed) {
        List<String> problems = new ArrayList<>();
        marks.forEach((file, mark) -> {
            for (String text : linesAfter(file, mark)) {
                LogLine line = LogLine.parse(text);
                if (line != null && isProblem(line, allowed)) {
                    problems.add(file.getFileName() + ": " + line);
                }
            }
        });
        return problems;
    }

    static boolean isProblem(LogLine line, List<Allowed> allowed) {
        boolean checked = line.level().equals("ERROR") || CHECKED_WARN_PREFIXES.stream().anyMatch(line.logger()::startsWith);
        return checked && allowed.stream().noneMatch(entry -> entry.matches(line));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> linesAfter(Path file, long mark) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= mark) {
                return List.of();
            }
            byte[] appended = new byte[(int) (length - mark)];
            in.seek(mark);
            in.readFully(appended);
            return new String(appended, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
