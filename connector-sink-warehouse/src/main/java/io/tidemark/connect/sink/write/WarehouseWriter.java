package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.convert.ConnectValues;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.SchemalessValues;
import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one table's batch in one transaction: create or evolve the table, load the rows into a staging
 * table by the database's fast path, then one MERGE (or INSERT ... SELECT in append mode, together with
 * the consumed offsets). Holds one warehouse session, reopened after any failure.
 */
public final class WarehouseWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseWriter.class);

    /**
     * How the writer treats tables.
     *
     * @param connector the connector's name, the key of its rows in the offsets table
     */
    public record Settings(WriteMode writeMode, DeleteMode deleteMode, boolean autoCreate, boolean autoEvolve,
                           MetadataColumns meta, OffsetTable offsetTable, String connector) {
    }

    private final Dialect dialect;
    private final ConnectionSettings connection;
    private final Settings settings;
    private final SchemalessValues schemaless = new SchemalessValues(new ConnectValues());
    private final Map<TableId, List<ExistingColumn>> columns = new HashMap<>();
    private WarehouseSession session;
    private boolean offsetTableReady;

    public WarehouseWriter(Dialect dialect, ConnectionSettings connection, Settings settings) {
        this.dialect = dialect;
        this.connection = connection;
        this.settings = settings;
    }

    /**
     * Writes the changes of one table (at most one per key in merge mode).
     *
     * @throws SQLException             as the database reported it; the transaction was rolled back
     * @throws SchemaMismatchException  when the table cannot take the records
     */
    public FlushResult write(TableId table, List<RowChange> changes) throws SQLException {
        return write(table, changes, Map.of());
    }

    /**
     * Writes the changes of one table; in append mode also stores, in the same transaction, where each partition
     * in {@code resumeAt} resumes once they are written (see {@link OffsetTable}).
     */
    public FlushResult write(TableId table, List<RowChange> changes, Map<TopicPartition, Long> resumeAt) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(table, changes, resumeAt);
            } catch (AppendRace race) {
                if (attempt >= APPEND_RACE_ATTEMPTS) {
                    throw race.getCause();
                }
                LOG.info("Another writer appended to {} since this flush read its offsets; reading them again", table);
            }
        }
    }

    /** Tries of an append whose offsets another writer moved meanwhile (each reads them again). */
    private static final int APPEND_RACE_ATTEMPTS = 3;

    /**
     * Another writer (a task that took the partition over, or one whose flush outlived its assignment) moved the
     * table's stored offsets after this flush read them: the transaction was rolled back, and a new attempt reads
     * them again, so no record is appended twice.
     */
    private static final class AppendRace extends Exception {
        AppendRace(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private FlushResult writeOnce(TableId table, List<RowChange> changes, Map<TopicPartition, Long> resumeAt)
            throws SQLException, AppendRace {
        long started = System.nanoTime();
        WarehouseSession open = session();
        Connection jdbc = open.connection();
        FlushStatements sql = open.statements();
        open.writes().lock();
        try {
            Map<TopicPartition, Long> stored = settings.writeMode() == WriteMode.APPEND ? storedTableOffsets(jdbc, sql, table) : Map.of();
            List<RowChange> pending = settings.writeMode() == WriteMode.APPEND ? notYetAppended(stored, changes) : changes;
            if (pending.isEmpty()) {
                return new FlushResult(table, 0, 0, 0, 0, 0, (System.nanoTime() - started) / 1_000_000, List.of());
            }
            BatchColumns batch = BatchColumns.of(table, pending);
            List<ExistingColumn> existing = existingColumns(jdbc, table);
            StagingTable shape = settings.writeMode() == WriteMode.APPEND
                    ? StagingTable.forAppend(table, StagingRows.STAGING_NAME, batch.keys(), batch.data(), settings.meta())
                    : StagingTable.forMerge(table, StagingRows.STAGING_NAME, batch.keys(), batch.data(), Map.of(), settings.meta(),
                    settings.deleteMode());
            SchemaEvolution evolution = SchemaEvolution.plan(dialect, sql, table, existing, batch, shape.targetMetadata(),
                    settings.writeMode() == WriteMode.MERGE, new SchemaEvolution.Permissions(settings.autoCreate(), settings.autoEvolve()));
            StagingRows staging = StagingRows.build(table, pending, batch, evolution.stagingTypes(), settings.meta(),
                    settings.writeMode(), settings.deleteMode(), schemaless);
            long[] counts = staging.rows().isEmpty() ? new long[3] : load(jdbc, sql, evolution, staging, stored, resumeAt);
            if (!evolution.ddl().isEmpty()) {
                columns.remove(table);
            }
            long skipped = staging.rows().size() - counts[0] - counts[1] - counts[2];
            return new FlushResult(table, staging.rows().size(), counts[0], counts[1], counts[2], skipped,
                    (System.nanoTime() - started) / 1_000_000, staging.rejected());
        } catch (SQLException | RuntimeException | AppendRace e) {
            columns.remove(table);
            abandonSession();
            throw e;
        } finally {
            open.writes().unlock();
        }
    }

    /** The transaction: DDL, staging, load, MERGE or append (+ offsets), commit. Returns inserted/updated/deleted. */
    private long[] load(Connection jdbc, FlushStatements sql, SchemaEvolution evolution, StagingRows staging,
                        Map<TopicPartition, Long> stored, Map<TopicPartition, Long> resumeAt) throws SQLException, AppendRace {
        StagingTable table = staging.table();
        execute(jdbc, evolution.ddl());
        execute(jdbc, sql.createStaging(table));
        if (!dialect.transactionalDdl()) {
            // Snowflake commits DDL implicitly; the load and the MERGE then form one transaction after it.
            jdbc.commit();
        }
        dialect.loadStaging(jdbc, table, staging.rows());
        execute(jdbc, sql.prepareStaging(table));
        long[] counts;
        if (settings.writeMode() == WriteMode.APPEND) {
            execute(jdbc, List.of(sql.append(table)));
            writeOffsets(jdbc, sql, table.target(), staging.written(), stored, resumeAt);
            counts = new long[] {staging.rows().size(), 0, 0};
        } else if (sql.mergeReportsActions(table)) {
            counts = countActions(jdbc, sql.merge(table).get(0));
        } else {
            counts = countActions(jdbc, sql.countMergeActions(table));
            execute(jdbc, sql.merge(table));
        }
        jdbc.commit();
        dropStaging(jdbc, sql, table);
        return counts;
    }

    /**
     * Best effort: the rows are committed, so a failure here must not make the flush look failed (a retry
     * would append them again). The session is renewed instead, which drops temporary tables anyway.
     */
    private void dropStaging(Connection jdbc, FlushStatements sql, StagingTable table) {
        List<String> drop = sql.dropStaging(table);
        if (drop.isEmpty()) {
            return;
        }
        try {
            execute(jdbc, drop);
            jdbc.commit();
        } catch (SQLException e) {
            LOG.warn("Dropping the staging table after a committed flush failed; reconnecting: {}", e.getMessage());
            abandonSession();
        }
    }

    /**
     * Runs a query answering inserted, updated and deleted counts in one row. Snowflake's MERGE answers
     * one column per kind of clause it has ("number of rows inserted", "number of rows updated", and
     * "number of rows deleted" only with a DELETE clause), so labelled columns are read by their label.
     */
    private static long[] countActions(Connection jdbc, String query) throws SQLException {
        try (Statement statement = jdbc.createStatement(); ResultSet counts = statement.executeQuery(query)) {
            counts.next();
            long[] actions = new long[3];
            int width = counts.getMetaData().getColumnCount();
            for (int i = 1; i <= width; i++) {
                String label = counts.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT);
                int slot = label.endsWith("inserted") ? 0 : label.endsWith("updated") ? 1 : label.endsWith("deleted") ? 2 : i - 1;
                actions[slot] = counts.getLong(i);
            }
            return actions;
        }
    }

    /**
     * The table's next offset per partition of the written changes, each only if the row still holds what this
     * flush read ({@code stored}): a compare-and-set, so of two writers that read the same offsets (one of them
     * stale) only the first to commit appends; then where the partitions resume.
     */
    private void writeOffsets(Connection jdbc, FlushStatements sql, TableId table, List<RowChange> written,
                              Map<TopicPartition, Long> stored, Map<TopicPartition, Long> resumeAt) throws SQLException, AppendRace {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (RowChange change : written) {
            next.merge(change.origin().topicPartition(), change.origin().offset() + 1, Math::max);
        }
        OffsetTable perTable = settings.offsetTable().perTable();
        try (PreparedStatement update = jdbc.prepareStatement(sql.updateOffsetIfAt(perTable));
             PreparedStatement insert = jdbc.prepareStatement(sql.insertOffset(perTable))) {
            for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
                Long read = stored.get(entry.getKey());
                PreparedStatement statement = read == null ? insert : update;
                int parameter = 1;
                if (read != null) {
                    statement.setLong(parameter++, entry.getValue());
                }
                statement.setString(parameter++, settings.connector());
                statement.setString(parameter++, tableKey(table));
                statement.setString(parameter++, entry.getKey().topic());
                statement.setInt(parameter++, entry.getKey().partition());
                statement.setLong(parameter, read == null ? entry.getValue() : read);
                int rows;
                try {
                    rows = statement.executeUpdate();
                } catch (SQLException e) {
                    // A row inserted meanwhile (unique violation) or a write-write conflict: the databases report both
                    // as transient. Anything else is a failure of its own.
                    if (dialect.classify(e) == io.tidemark.connect.sink.error.FailureKind.TRANSIENT) {
                        throw new AppendRace(e);
                    }
                    throw e;
                }
                if (rows != 1) {
                    throw new AppendRace(new java.sql.SQLTransientException("The stored offset of " + entry.getKey() + " for table "
                            + table + " moved while this flush appended"));
                }
            }
        }
        try (PreparedStatement upsert = jdbc.prepareStatement(sql.writeOffset(settings.offsetTable()))) {
            for (Map.Entry<TopicPartition, Long> entry : resumeAt.entrySet()) {
                upsert.setString(1, settings.connector());
                upsert.setString(2, entry.getKey().topic());
                upsert.setInt(3, entry.getKey().partition());
                upsert.setLong(4, entry.getValue());
                upsert.executeUpdate();
            }
        }
    }

    /** The table's name in the per-table offsets: quoted, so no two tables share one. */
    private String tableKey(TableId table) {
        return dialect.identifiers().quote(table);
    }

    /** The table's stored next offset per partition, read in a transaction of its own. */
    private Map<TopicPartition, Long> storedTableOffsets(Connection jdbc, FlushStatements sql, TableId table) throws SQLException {
        ensureOffsetTable(jdbc, sql);
        Map<TopicPartition, Long> stored = readOffsets(jdbc, sql, settings.offsetTable().perTable(), tableKey(table));
        jdbc.commit();
        return stored;
    }

    /**
     * The changes not yet in the table according to its stored offsets. A flush whose commit succeeded
     * but whose acknowledgement was lost looks failed and is retried, and a task that died between two tables'
     * writes resumes where the other table needs it; this keeps their rows from being appended twice.
     */
    private static List<RowChange> notYetAppended(Map<TopicPartition, Long> stored, List<RowChange> changes) {
        if (stored.isEmpty()) {
            return changes;
        }
        List<RowChange> pending = new ArrayList<>(changes.size());
        for (RowChange change : changes) {
            Long next = stored.get(change.origin().topicPartition());
            if (next == null || change.origin().offset() >= next) {
                pending.add(change);
            }
        }
        return pending;
    }

    private Map<TopicPartition, Long> readOffsets(Connection jdbc, FlushStatements sql) throws SQLException {
        return readOffsets(jdbc, sql, settings.offsetTable(), null);
    }

    private Map<TopicPartition, Long> readOffsets(Connection jdbc, FlushStatements sql, OffsetTable offsets, String table)
            throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (PreparedStatement query = jdbc.prepareStatement(sql.readOffsets(offsets))) {
            query.setString(1, settings.connector());
            if (table != null) {
                query.setString(2, table);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(new TopicPartition(rows.getString(1), rows.getInt(2)), rows.getLong(3));
                }
            }
        }
        return stored;
    }

    /**
     * The offsets append mode stored for this connector: where each partition resumes so that no row
     * is appended twice.
     */
    public Map<TopicPartition, Long> storedOffsets() throws SQLException {
        WarehouseSession open = session();
        Connection jdbc = open.connection();
        try {
            ensureOffsetTable(jdbc, open.statements());
            Map<TopicPartition, Long> offsets = readOffsets(jdbc, open.statements());
            jdbc.commit();
            return offsets;
        } catch (SQLException | RuntimeException e) {
            abandonSession();
            throw e;
        }
    }

    /**
     * Changes stored offsets (Connect's offsets REST API): a null offset removes the partition's entry so
     * it resumes where Kafka's committed offset says.
     */
    public void alterStoredOffsets(Map<TopicPartition, Long> offsets) throws SQLException {
        WarehouseSession open = session();
        Connection jdbc = open.connection();
        try {
            FlushStatements sql = open.statements();
            ensureOffsetTable(jdbc, sql);
            try (PreparedStatement upsert = jdbc.prepareStatement(sql.writeOffset(settings.offsetTable()));
                 PreparedStatement delete = jdbc.prepareStatement(sql.deleteOffset(settings.offsetTable()));
                 PreparedStatement deletePerTable = jdbc.prepareStatement(sql.deleteOffset(settings.offsetTable().perTable()))) {
                for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
                    // The partition is read again from the new position into every table.
                    deletePerTable.setString(1, settings.connector());
                    deletePerTable.setString(2, entry.getKey().topic());
                    deletePerTable.setInt(3, entry.getKey().partition());
                    deletePerTable.executeUpdate();
                    PreparedStatement statement = entry.getValue() == null ? delete : upsert;
                    statement.setString(1, settings.connector());
                    statement.setString(2, entry.getKey().topic());
                    statement.setInt(3, entry.getKey().partition());
                    if (entry.getValue() != null) {
                        statement.setLong(4, entry.getValue());
                    }
                    statement.executeUpdate();
                }
            }
            jdbc.commit();
        } catch (SQLException | RuntimeException e) {
            abandonSession();
            throw e;
        }
    }

    private void ensureOffsetTable(Connection jdbc, FlushStatements sql) throws SQLException {
        if (!offsetTableReady) {
            execute(jdbc, List.of(sql.createOffsetTable(settings.offsetTable()), sql.createOffsetTable(settings.offsetTable().perTable())));
            jdbc.commit();
            offsetTableReady = true;
        }
    }

    private List<ExistingColumn> existingColumns(Connection jdbc, TableId table) throws SQLException {
        List<ExistingColumn> known = columns.get(table);
        if (known == null) {
            known = dialect.describe(jdbc, table);
            // Reading the catalog opened a transaction; end it so the flush starts on a fresh snapshot.
            jdbc.commit();
            if (!known.isEmpty()) {
                columns.put(table, known);
            }
        }
        return known;
    }

    private static void execute(Connection jdbc, List<String> statements) throws SQLException {
        for (String sql : statements) {
            // A new Statement each time: DuckDB's driver closes a Statement after any SQLException.
            try (Statement statement = jdbc.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    private WarehouseSession session() throws SQLException {
        if (session == null) {
            session = dialect.open(connection);
        }
        return session;
    }

    /** Rolls back and closes the session after a failure; the next write opens a fresh one. */
    private void abandonSession() {
        if (session == null) {
            return;
        }
        try {
            session.connection().rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after a failed flush failed too (the connection is probably gone)", e);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (SQLException e) {
            LOG.debug("Closing the warehouse session failed", e);
        } finally {
            session = null;
            offsetTableReady = false;
        }
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                session.connection().rollback();
            } catch (SQLException e) {
                LOG.debug("Rollback on close failed", e);
            }
            closeQuietly();
        }
    }
}
