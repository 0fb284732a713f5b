package io.tidemark.connect.systemtest.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The target table of the writer benchmark in one database: rebuilt before every run (from a template of
 * {@code rows} rows, or empty for the load ceilings), and read back as a {@link WriterWorkload.Fingerprint}.
 * Setup and checks use one auto-commit connection of their own, outside every measurement.
 */
abstract class WriterTable implements AutoCloseable {

    static final String NAME = "customers";
    static final String TEMPLATE = "customers_template";

    /** The auto-commit connection for setup and checks; closed by {@link #close()}. */
    abstract Connection admin() throws SQLException;

    abstract String columns();

    /** SELECT producing the template's rows ids 1..rows at version 0. */
    abstract String templateRows(int rows);

    /** Brings a rebuilt table to the state every run starts from (statistics, a checkpoint). */
    abstract void settle(Statement statement) throws SQLException;

    /**
     * Work a database defers past the commits and that a run must pay for, timed with the flushes: DuckDB writes
     * its WAL into the database file at a checkpoint (inside the commit that crosses checkpoint_threshold), so a
     * run that crossed none would look cheaper than it is. PostgreSQL's checkpointer works in the background.
     */
    abstract void finishRun() throws SQLException;

    void createTemplate(int rows) throws SQLException {
        try (Statement statement = admin().createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TEMPLATE);
            statement.execute("CREATE TABLE " + TEMPLATE + " (" + columns() + ")");
            statement.execute("INSERT INTO " + TEMPLATE + " " + templateRows(rows));
        }
    }

    /** Drops and recreates the target, filled from the template or empty. */
    void reset(boolean filled) throws SQLException {
        try (Statement statement = admin().createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + NAME);
            statement.execute("CREATE TABLE " + NAME + " (" + columns() + ")");
            if (filled) {
                statement.execute("INSERT INTO " + NAME + " SELECT * FROM " + TEMPLATE);
            }
            settle(statement);
        }
    }

    WriterWorkload.Fingerprint fingerprint() throws SQLException {
        try (Statement statement = admin().createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), coalesce(sum(id), 0), coalesce(sum(\"__version\"), 0) FROM "
                 + NAME)) {
            result.next();
            return new WriterWorkload.Fingerprint(result.getLong(1), result.getLong(2), result.getLong(3));
        }
    }
}
