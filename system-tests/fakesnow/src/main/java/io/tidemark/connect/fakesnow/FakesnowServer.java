package io.tidemark.connect.fakesnow;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fakesnow (a Snowflake emulator on DuckDB, https://github.com/tekumara/fakesnow) run as a local server
 * process on a free loopback port, which the real snowflake-jdbc driver talks to as to Snowflake. Its
 * in-memory databases are shared by every session of the process and gone when it stops; a session that
 * names a database and schema creates them if they do not exist.
 *
 * <p>Every test that needs it follows the same rules ({@link #locate()}): the executable is
 * {@value #EXECUTABLE_VARIABLE} (environment or system property), else {@code target/fakesnow/bin/fakesnow}
 * of the project (where {@code .ci/run} installs it), else {@code fakesnow} on the PATH; where there is
 * none the test is skipped with {@link #NOT_INSTALLED}, unless {@value #REQUIRE_VARIABLE}=true (CI), where
 * it fails.
 */
public final class FakesnowServer implements AutoCloseable {

    /** Names the fakesnow executable. */
    public static final String EXECUTABLE_VARIABLE = "TIDEMARK_FAKESNOW";
    /** When "true" (CI), a missing fakesnow fails the Snowflake tests instead of skipping them. */
    public static final String REQUIRE_VARIABLE = "TIDEMARK_REQUIRE_FAKESNOW";
    public static final String HOW_TO_ENABLE = "To run the Snowflake tests: python3 -m venv target/fakesnow &&"
            + " target/fakesnow/bin/pip install -r .ci/fakesnow-requirements.txt"
            + " (from the project root), or set " + EXECUTABLE_VARIABLE + " to a fakesnow executable.";
    /** Why a Snowflake test was skipped. */
    public static final String NOT_INSTALLED = "fakesnow is not installed, so the Snowflake tests are skipped. " + HOW_TO_ENABLE;

    private static final Pattern READY = Pattern.compile("Uvicorn running on http://127\\.0\\.0\\.1:(\\d+)");
    /**
     * Runs fakesnow under a shell that stops it as soon as its standard input ends, which happens when the
     * JVM that started it ends in any way, kill -9 included (a shutdown hook covers only normal exits).
     * The shell hands its output over to /dev/null, so that fakesnow's own end closes the output this JVM
     * reads.
     */
    private static final String STOPS_WITH_THIS_JVM =
            "\"$0\" \"$@\" </dev/null & server=$!; exec >/dev/null 2>&1; cat; kill $server";

    private final Process process;
    private final int port;

    private FakesnowServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The fakesnow to run, or empty where none is installed and the tests that need it are to be skipped
     * (saying {@link #NOT_INSTALLED}).
     *
     * @throws IllegalStateException where none is installed but {@value #REQUIRE_VARIABLE} is true
     */
    public static Optional<Path> locate() {
        Optional<Path> executable = executable();
        if (executable.isEmpty() && required()) {
            throw new IllegalStateException("fakesnow is required (" + REQUIRE_VARIABLE + "=true) but not installed. " + HOW_TO_ENABLE);
        }
        return executable;
    }

    private static Optional<Path> executable() {
        String named = System.getProperty(EXECUTABLE_VARIABLE, System.getenv(EXECUTABLE_VARIABLE));
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        for (Path root = Path.of("").toAbsolutePath(); root != null; root = root.getParent()) {
            Path installed = root.resolve("target/fakesnow/bin/fakesnow");
            if (Files.isExecutable(installed) && Files.exists(root.resolve(".ci/run"))) {
                return Optional.of(installed);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, "fakesnow");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
    }

    /**
     * Starts fakesnow on 127.0.0.1 and a port it picks, and waits until it serves; its output goes to
     * {@code log}.
     */
    public static FakesnowServer start(Path executable, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", STOPS_WITH_THIS_JVM, executable.toString(), "-s", "--host",
                "127.0.0.1").redirectErrorStream(true);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> drain(process, log, ready), "fakesnow-output");
        drain.setDaemon(true);
        drain.start();
        try {
            int port = ready.get(120, TimeUnit.SECONDS);
            return new FakesnowServer(process, port);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("fakesnow did not start within 120 s; see " + log, e);
        }
    }

    private static void drain(Process process, Path log, CompletableFuture<Integer> ready) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                file.println(line);
                Matcher matcher = READY.matcher(line);
                if (matcher.find()) {
                    ready.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } finally {
            ready.completeExceptionally(new IllegalStateException("fakesnow exited before serving"));
        }
    }

    public int port() {
        return port;
    }

    /**
     * The URL a sink uses. The account is named in the URL because the driver otherwise takes it from
     * the host's first label; ssl=off because fakesnow serves plain HTTP.
     */
    public String jdbcUrl() {
        return "jdbc:snowflake://127.0.0.1:" + port + "/?account=fakesnow&ssl=off";
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
