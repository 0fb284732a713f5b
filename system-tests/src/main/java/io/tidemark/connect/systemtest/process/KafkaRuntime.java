package io.tidemark.connect.systemtest.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the broker and worker child JVMs run on: the classpath of a Kafka distribution (generated at
 * build time by the tidemark-kafka-runtime module, so it holds none of the tests' own dependencies),
 * a log4j2 configuration, and the {@link ParentWatchdog} class alone in its own folder.
 */
public final class KafkaRuntime {

    private static final String CLASSPATH_RESOURCE = "/tidemark/kafka-runtime.classpath";

    private final List<Path> classpath;
    private final Path log4jConfig;
    private final Path watchdogClasses;

    private KafkaRuntime(List<Path> classpath, Path log4jConfig, Path watchdogClasses) {
        this.classpath = List.copyOf(classpath);
        this.log4jConfig = log4jConfig;
        this.watchdogClasses = watchdogClasses;
    }

    /** Prepares the runtime files under {@code dir}. */
    public static KafkaRuntime prepare(Path dir) {
        try {
            Path watchdogDir = dir.resolve("watchdog-classes");
            copyWatchdogClass(watchdogDir);
            Path log4jConfig = dir.resolve("log4j2.properties");
            try (InputStream in = resource("/tidemark/child-log4j2.properties")) {
                Files.copy(in, log4jConfig, StandardCopyOption.REPLACE_EXISTING);
            }
            List<Path> classpath = new ArrayList<>();
            classpath.add(watchdogDir);
            classpath.addAll(kafkaJars());
            return new KafkaRuntime(classpath, log4jConfig, watchdogDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka runtime in " + dir, e);
        }
    }

    private static List<Path> kafkaJars() throws IOException {
        String text;
        try (InputStream in = resource(CLASSPATH_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<Path> jars = Arrays.stream(text.split(File.pathSeparator)).map(Path::of).toList();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("The Kafka runtime classpath names " + jar
                    + ", which does not exist: rebuild with `mvn -pl system-tests -am verify`");
            }
        }
        return jars;
    }

    private static void copyWatchdogClass(Path watchdogDir) throws IOException {
        String classFile = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        Path target = watchdogDir.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = resource("/" + classFile)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaRuntime.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("Missing resource " + name + " on the harness classpath");
        }
        return in;
    }

    /**
     * Starts a long-running Kafka process (broker, worker) with the given heap limit and
     * {@code extraJvmOptions} after the harness's own.
     */
    public ChildJvm start(String name, String maxHeap, List<String> extraJvmOptions, String mainClass, List<String> args,
                          Path logFile) {
        List<String> options = new ArrayList<>(jvmOptions(maxHeap));
        options.addAll(extraJvmOptions);
        return ChildJvm.start(name, classpath, options, mainClass, args, logFile);
    }

    /** The folder holding {@link ParentWatchdog} alone, for the class path of other child JVMs. */
    public Path watchdogClasses() {
        return watchdogClasses;
    }

    /** Runs a Kafka command-line tool to completion. */
    public void run(String name, String mainClass, List<String> args, Path logFile, Duration timeout) {
        ChildJvm.run(name, classpath, jvmOptions("256m"), mainClass, args, logFile, timeout);
    }

    private List<String> jvmOptions(String maxHeap) {
        return List.of(
            "-Xms64m",
            "-Xmx" + maxHeap,
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4jConfig.toUri());
    }
}
