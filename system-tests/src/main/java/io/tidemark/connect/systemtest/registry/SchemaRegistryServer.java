package io.tidemark.connect.systemtest.registry;

import io.tidemark.connect.systemtest.process.ChildJvm;
import io.tidemark.connect.systemtest.stack.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apicurio Registry 2.4.2.Final, built by system-tests/schema-registry from Maven Central, as a server
 * process on 127.0.0.1 and a free port: in-memory storage (gone when it stops), the global compatibility
 * rule BACKWARD (what a production registry typically enforces), Confluent's API at {@link #confluentUrl()}.
 * It runs under the harness's parent watchdog (see {@link ChildJvm}), so it dies with the JVM that started it.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** The Quarkus legacy-jar main class; the runner jar's manifest puts its lib/ on the class path. */
    private static final String MAIN_CLASS = "io.quarkus.runner.GeneratedMain";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ChildJvm process;
    private final int port;
    private final Duration startupTime;

    private SchemaRegistryServer(ChildJvm process, int port, Duration startupTime) {
        this.process = process;
        this.port = port;
        this.startupTime = startupTime;
    }

    /**
     * Starts the registry from {@code runnerJar} and waits until {@code /health/ready} answers 200, failing
     * with the log's last lines if the process exits or is not ready within {@link #READY_TIMEOUT}.
     *
     * @param watchdogClasses the folder holding the harness's parent watchdog class
     */
    public static SchemaRegistryServer start(Path runnerJar, Path watchdogClasses, Path log) {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException("The schema registry is not built (" + runnerJar + " is missing): run "
                + "`mvn -pl system-tests -am verify` (system-tests/schema-registry builds it)");
        }
        int port = FreePorts.next();
        List<String> options = new ArrayList<>(List.of(
            // A test server: quick start-up and a small heap rather than peak throughput.
            "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-Dregistry.rules.global.compatibility=BACKWARD"));
        long t0 = System.nanoTime();
        ChildJvm process = ChildJvm.start("schema-registry", List.of(watchdogClasses, runnerJar), options, MAIN_CLASS,
            List.of(), log);
        SchemaRegistryServer server = new SchemaRegistryServer(process, port, Duration.ZERO);
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            process.kill();
            throw e;
        }
        return new SchemaRegistryServer(process, port, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The schema registry exited before it was ready: " + process.diagnostics());
            }
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
            }
        }
        throw new IllegalStateException("The schema registry was not ready within " + READY_TIMEOUT + " (last: " + last
            + "): " + process.diagnostics());
    }

    public int port() {
        return port;
    }

    /** The server's root, e.g. {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Apicurio's own REST API (v2), what Apicurio's converters take as {@code apicurio.registry.url}. */
    public String apicurioUrl() {
        return url() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API (ccompat v7), what a Confluent client takes as {@code schema.registry.url}. */
    public String confluentUrl() {
        return url() + "/apis/ccompat/v7";
    }

    /** From the start of the process until {@code /health/ready} answered 200. */
    public Duration startupTime() {
        return startupTime;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long residentBytes() {
        return process.residentBytes();
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
