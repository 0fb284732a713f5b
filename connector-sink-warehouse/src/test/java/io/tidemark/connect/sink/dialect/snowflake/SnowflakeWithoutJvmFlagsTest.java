package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a plain Java 17 JVM (no --add-opens, as a Connect worker starts) can do against a
 * Snowflake-protocol server. The sink asks for JSON results (JDBC_QUERY_RESULT_FORMAT=JSON), which Snowflake
 * honours; fakesnow answers DML in JSON but every other statement (queries, DDL, COMMIT) in Arrow whatever
 * the session asks. So this shows, flagless: the key-pair login, the array-bound load, and a MERGE whose
 * JSON result the sink reads; and that COMMIT fails only in reading fakesnow's Arrow answer, the part that
 * stays unverified without a real Snowflake (README, Snowflake section).
 */
class SnowflakeWithoutJvmFlagsTest {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();

    @Test
    void logsInLoadsAndMergesReadingJsonResultsWithoutAnyJvmFlag() throws Exception {
        SnowflakeWarehouse warehouse = new SnowflakeWarehouse(FAKESNOW.server());
        try {
            String staging = new SnowflakeDialect().statements().createStaging(SnowflakeSessionProbe.staging(warehouse.schema())).get(0);
            // The probe's session cannot run DDL (fakesnow answers it in Arrow), so its tables exist already;
            // a permanent STAGE because a temporary one belongs to the session that made it.
            warehouse.execute(staging.replace("CREATE OR REPLACE TEMPORARY TABLE", "CREATE TABLE"));
            warehouse.execute("CREATE TABLE \"" + warehouse.schema() + "\".\"TARGET\" (\"ID\" NUMBER(19,0) NOT NULL, \"NAME\" VARCHAR,"
                    + " \"DOC\" VARIANT, \"__VERSION\" NUMBER(19,0), \"__SOURCE_TS_MS\" NUMBER(19,0), \"__UNKNOWN_COLUMNS\" VARCHAR,"
                    + " \"__UNKNOWN_SINCE_PARTITION\" VARCHAR, \"__UNKNOWN_SINCE_OFFSET\" NUMBER(19,0))");

            List<String> output = runProbe(FAKESNOW.server().jdbcUrl(), SnowflakeWarehouse.DATABASE, warehouse.schema());

            assertThat(output).containsSubsequence("login: ok, autocommit false", "load: ok",
                    "merge: number of rows inserted=2 number of rows updated=0 number of rows deleted=0");
            assertThat(output).anySatisfy(line -> assertThat(line).startsWith("commit: failed:")
                    .as("fails reading fakesnow's Arrow answer, nothing else").contains("arrow"));
        } finally {
            warehouse.close();
        }
    }

    private static List<String> runProbe(String url, String database, String schema) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SnowflakeSessionProbe.class.getName(), url, database, schema).redirectErrorStream(true);
        // Nothing may add JVM options behind the command line's back.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
        assertThat(process.exitValue()).as("probe exit code; output:\n%s", output).isZero();
        return output.lines().toList();
    }
}
