package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.fakesnow.PemKeys;
import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import org.apache.kafka.common.config.types.Password;

import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs in a JVM started without any flag (see {@link SnowflakeWithoutJvmFlagsTest}): logs in with an
 * encrypted key pair through the dialect, loads rows with the dialect's batch INSERT into STAGE, runs the
 * dialect's MERGE into TARGET reading its counts from the result, then commits. Prints one line per step.
 */
public final class SnowflakeSessionProbe {

    static final MetadataColumns META = MetadataColumns.spelled(IdentifierCase.UPPER);

    private SnowflakeSessionProbe() {
    }

    static StagingTable staging(String schema) {
        return StagingTable.forMerge(new TableId(schema, "TARGET"), new TableId(schema, "STAGE"), List.of(new Column("ID", ColumnType.INT64)),
                List.of(new Column("NAME", ColumnType.STRING), new Column("DOC", ColumnType.JSON)), Map.of(), META, DeleteMode.HARD);
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String database = args[1];
        String schema = args[2];
        KeyPair pair = PemKeys.rsa();
        ConnectionSettings settings = new ConnectionSettings(url, "TIDEMARK_SINK", null, 30, schema, database, null, null,
                new Password(PemKeys.encryptedPem(pair, "probe passphrase")), new Password("probe passphrase"));
        SnowflakeDialect dialect = new SnowflakeDialect();
        try (WarehouseSession session = dialect.open(settings)) {
            Connection connection = session.connection();
            System.out.println("login: ok, autocommit " + connection.getAutoCommit());
            StagingTable staging = staging(schema);
            dialect.loadStaging(connection, staging, List.of(
                    new Object[] {1L, "Ada", "{\"langs\": [\"en\"]}", 10L, 1_700_000_000_000L, false, false, "t-0", 0L},
                    new Object[] {2L, "Grace", null, 11L, null, false, false, "t-0", 1L},
                    new Object[] {3L, null, null, null, null, true, false, "t-0", 2L}));
            System.out.println("load: ok");
            try (Statement statement = connection.createStatement(); ResultSet counts = statement.executeQuery(session.statements().merge(staging).get(0))) {
                counts.next();
                StringBuilder line = new StringBuilder("merge:");
                for (int i = 1; i <= counts.getMetaData().getColumnCount(); i++) {
                    line.append(' ').append(counts.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=').append(counts.getLong(i));
                }
                System.out.println(line);
            }
            try {
                connection.commit();
                System.out.println("commit: ok");
            } catch (SQLException e) {
                System.out.println("commit: failed: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }
}
