package io.tidemark.connect.sink.testing;

import org.duckdb.DuckDBDriver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Another process that opens a DuckDB file for writing, as a user's reader would: exit code 0 and the
 * customers count on stdout when it could, 2 when the file is locked.
 */
public final class DuckDbFileProbe {

    private DuckDbFileProbe() {
    }

    public static void main(String[] args) {
        try (Connection connection = new DuckDBDriver().connect(args[0], new Properties())) {
            System.out.println(Jdbc.query(connection, "SELECT count(*) FROM customers").get(0).get(0));
        } catch (SQLException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Runs the probe in a child JVM; returns its exit code and output. */
    public static List<String> run(String url) throws Exception {
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(launcher.toString(), "-cp", System.getProperty("java.class.path"),
                DuckDbFileProbe.class.getName(), url).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The DuckDB probe process did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        return List.of(Integer.toString(process.exitValue()), output);
    }
}
