package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.SqlVariant;
import io.tidemark.connect.sink.dialect.StandardStatements;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.error.SqlStateClasses;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** PostgreSQL 15+ (MERGE) as a warehouse: COPY into a temporary table, ANALYZE it, then MERGE. */
public final class PostgresDialect implements Dialect {

    /** PostgreSQL truncates longer names (NAMEDATALEN - 1). */
    private static final int MAX_NAME_BYTES = 63;

    /** MERGE arrived in PostgreSQL 15. */
    private static final int MINIMUM_VERSION = 15;

    /**
     * For the flush's transaction only, a random_page_cost of at most 1.1 (a lower one the server already has is
     * kept). With PostgreSQL's default of 4 (a spinning disk's seek) the planner joins a flush of 50,000 keys to a
     * table of a million rows by reading the whole table into a hash join, where looking each key up in the
     * primary key index takes half the time (measured: the MERGE 690 ms against 350 ms; PostgresFlushPlanTest).
     */
    static final String INDEX_LOOKUP_PAGE_COST =
            "SELECT set_config('random_page_cost', LEAST(current_setting('random_page_cost')::float8, 1.1)::text, true)";

    private final Identifiers identifiers = new Identifiers("PostgreSQL", MAX_NAME_BYTES);


    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public boolean acceptsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public WarehouseSession open(ConnectionSettings settings) throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.passwordValue() != null) {
            properties.setProperty("password", settings.passwordValue());
        }
        properties.setProperty("connectTimeout", Integer.toString(settings.timeoutSeconds()));
        properties.setProperty("loginTimeout", Integer.toString(settings.timeoutSeconds()));
        properties.setProperty("ApplicationName", "tidemark-warehouse-sink");
        // The server's DETAIL lines quote row values ("Key (id)=(42) already exists"); keep them out of
        // exception messages, which end up in logs and task status.
        properties.setProperty("logServerErrorDetail", "false");
        // The driver instance directly, not DriverManager: inside a worker the plugin's class loader is
        // not the one DriverManager trusts.
        Connection connection = new Driver().connect(settings.url(), properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver does not accept this URL (expected jdbc:postgresql://host:port/database).",
                    "08001");
        }
        int version = connection.getMetaData().getDatabaseMajorVersion();
        if (version < MINIMUM_VERSION) {
            connection.close();
            throw new SQLException("PostgreSQL " + version + " has no MERGE; the warehouse sink needs PostgreSQL " + MINIMUM_VERSION
                    + " or newer.", "0A000");
        }
        connection.setAutoCommit(false);
        return new WarehouseSession(connection, statements(version), () -> { });
    }

    @Override
    public Identifiers identifiers() {
        return identifiers;
    }

    @Override
    public String columnType(ColumnType type) {
        return PostgresTypes.name(type);
    }

    @Override
    public List<ExistingColumn> describe(Connection connection, TableId table) throws SQLException {
        return StandardStatements.describe(connection, table, PostgresTypes::read);
    }

    /**
     * The statements for a server version. The staging table is temporary and dropped with its
     * transaction (ON COMMIT DROP), whether it commits or rolls back. It is analyzed after the load:
     * autovacuum never analyzes temporary tables, and without statistics the planner takes the staging
     * table for tiny and picks a nested loop over the target, slow for large batches. From PostgreSQL 17
     * the MERGE reports its own actions (RETURNING merge_action()), saving the counting join. Before the MERGE
     * comes {@link #INDEX_LOOKUP_PAGE_COST}. Tables are created one task at a time ({@link SerialisedTableCreation}).
     */
    FlushStatements statements(int serverMajorVersion) {
        return new SerialisedTableCreation(new StandardStatements(identifiers, PostgresTypes::name,
                new SqlVariant("CREATE TEMP TABLE ", " ON COMMIT DROP", true, false, serverMajorVersion >= 17, false,
                        List.of(INDEX_LOOKUP_PAGE_COST))), identifiers);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public void loadStaging(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
        new PostgresCopyLoader(identifiers).load(connection, staging, rows);
    }

    @Override
    public FailureKind classify(Throwable failure) {
        return SqlStateClasses.classify(failure);
    }
}
