package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The flush statements of databases that speak standard SQL (SQL:2003 MERGE, IF NOT EXISTS DDL,
 * information_schema): PostgreSQL and DuckDB, each with its {@link SqlVariant}. Each statement is written
 * once; a dialect whose SQL differs more (Snowflake) implements {@link FlushStatements} and reuses the
 * statements that are the same there.
 */
public final class StandardStatements implements FlushStatements {

    /** The staging table's alias in MERGE statements. */
    public static final String STAGING = "s";
    /** The target table's alias in MERGE statements. */
    public static final String TARGET = "t";

    private final Identifiers identifiers;
    private final Function<ColumnType, String> columnType;
    private final Function<ColumnType, String> stagingType;
    private final SqlVariant variant;

    public StandardStatements(Identifiers identifiers, Function<ColumnType, String> columnType, SqlVariant variant) {
        this(identifiers, columnType, columnType, variant);
    }

    /**
     * @param stagingType the staging column's type, where the fast load path cannot write the column's own
     *                    (DuckDB's Appender has no INTERVAL): the MERGE casts such a staged value to the column
     *                    type, and an INSERT converts it on assignment
     */
    public StandardStatements(Identifiers identifiers, Function<ColumnType, String> columnType,
                              Function<ColumnType, String> stagingType, SqlVariant variant) {
        this.identifiers = identifiers;
        this.columnType = columnType;
        this.stagingType = stagingType;
        this.variant = variant;
    }

    private SqlBuilder sql() {
        return new SqlBuilder(identifiers);
    }

    @Override
    public String createTable(TableDefinition definition) {
        SqlBuilder b = sql().sql("CREATE TABLE IF NOT EXISTS ").table(definition.table()).sql(" (");
        b.each(definition.keys(), ", ", (s, key) -> s.name(key.name()).sql(" " + columnType.apply(key.type()) + " NOT NULL"));
        if (!definition.keys().isEmpty() && !definition.columns().isEmpty()) {
            b.sql(", ");
        }
        b.each(definition.columns(), ", ", (s, column) -> s.name(column.name()).sql(" " + columnType.apply(column.type())));
        if (!definition.keys().isEmpty()) {
            b.sql(", PRIMARY KEY (").names(definition.keys().stream().map(Column::name).toList()).sql(")");
        }
        return b.sql(")").toString();
    }

    @Override
    public String addColumn(TableId table, Column column) {
        return sql().sql("ALTER TABLE ").table(table).sql(" ADD COLUMN IF NOT EXISTS ").name(column.name())
                .sql(" " + columnType.apply(column.type())).toString();
    }

    @Override
    public List<String> createStaging(StagingTable staging) {
        return List.of(sql().sql(variant.stagingCreate()).table(staging.name()).sql(" (")
                .each(staging.columns(), ", ", (s, column) -> s.name(column.name()).sql(" " + stagingType.apply(column.type())))
                .sql(")" + variant.stagingSuffix()).toString());
    }

    /**
     * ANALYZE of the staging table's key columns (the only statistics the MERGE's join needs) where the variant
     * asks for it, then the variant's statements before a MERGE. An append joins nothing, so it needs neither.
     */
    @Override
    public List<String> prepareStaging(StagingTable staging) {
        if (staging.writeMode() == WriteMode.APPEND) {
            return List.of();
        }
        List<String> statements = new ArrayList<>();
        if (variant.analyzeStaging()) {
            statements.add(sql().sql("ANALYZE ").table(staging.name()).sql(" (").names(staging.keys().stream().map(Column::name).toList())
                    .sql(")").toString());
        }
        statements.addAll(variant.beforeMerge());
        return statements;
    }

    @Override
    public List<String> dropStaging(StagingTable staging) {
        return variant.dropStagingAfterCommit() ? List.of(sql().sql("DROP TABLE IF EXISTS ").table(staging.name()).toString()) : List.of();
    }

    @Override
    public List<String> merge(StagingTable staging) {
        if (variant.mergeAsDeleteAndInsert()) {
            return MergeStatement.writeAsDeleteAndInsert(this::sql, staging, updatedRows(staging), stagedValue(staging));
        }
        return List.of(variant.mergeReturningActions() ? mergeReturningActions(staging) : plainMerge(staging));
    }

    /** The temporary table of the updated rows' new values, beside the staging table. */
    private static TableId updatedRows(StagingTable staging) {
        return new TableId(staging.name().schema(), staging.name().name() + "_updated");
    }

    @Override
    public boolean mergeReportsActions(StagingTable staging) {
        return variant.mergeReturningActions();
    }

    /**
     * The MERGE (see {@link MergeStatement}). UPDATE SET lists only non-key columns: rewriting the key too makes
     * DuckDB delete and reinsert every matched row, about 7 times slower, and it is never needed (the key matched).
     */
    private String plainMerge(StagingTable staging) {
        return merge(sql(), staging, b -> b.table(staging.name()), stagedValue(staging));
    }

    /** Writes a staged data column in its target type: cast where the staging column has another type. */
    private BiConsumer<SqlBuilder, String> stagedValue(StagingTable staging) {
        return (b, column) -> {
            ColumnType type = staging.columns().get(staging.indexOf(column)).type();
            String target = columnType.apply(type);
            if (target.equals(stagingType.apply(type))) {
                b.qualified(STAGING, column);
            } else {
                b.sql("CAST(").qualified(STAGING, column).sql(" AS " + target + ")");
            }
        };
    }

    /**
     * The MERGE from a source aliased s into the target aliased t (see {@link MergeStatement}); shared with dialects
     * whose MERGE differs only in its source and in how a staged value is read.
     *
     * @param source writes what follows USING, e.g. the staging table's name or a subquery
     * @param staged writes the staged value of a data column, e.g. s."name"
     */
    public static String merge(SqlBuilder b, StagingTable staging, Consumer<SqlBuilder> source, BiConsumer<SqlBuilder, String> staged) {
        return MergeStatement.write(b, staging, source, staged);
    }

    /**
     * The order guard, s.version >= t.version. COALESCE makes a missing version on either side pass: a
     * tombstone carries none, and rows written before the sink managed the table have none.
     */
    private static SqlBuilder versionGuard(SqlBuilder b, MetadataColumns meta) {
        return b.sql("COALESCE(").qualified(STAGING, meta.version()).sql(" >= ").qualified(TARGET, meta.version()).sql(", TRUE)");
    }

    /** t.key = s.key for every key column, joined by AND. */
    private static void keysMatch(SqlBuilder b, StagingTable staging) {
        b.each(staging.keys(), " AND ", (s, key) -> s.qualified(TARGET, key.name()).sql(" = ").qualified(STAGING, key.name()));
    }

    /**
     * The MERGE wrapped so it returns the counts of {@link #countMergeActions}, for databases whose MERGE
     * has RETURNING with merge_action() and may stand in a WITH clause (PostgreSQL 17).
     */
    private String mergeReturningActions(StagingTable staging) {
        MetadataColumns meta = staging.meta();
        String deleted = "merged." + identifiers.quote(meta.deleted());
        return sql().sql("WITH merged AS (").sql(plainMerge(staging)).sql("\nRETURNING merge_action() AS action, ")
                .qualified(STAGING, meta.deleted()).sql(")\nSELECT COUNT(*) FILTER (WHERE action = 'INSERT' AND NOT " + deleted + "),")
                .sql(" COUNT(*) FILTER (WHERE action = 'UPDATE' AND NOT " + deleted + "),")
                .sql(" COUNT(*) FILTER (WHERE action = 'DELETE' OR " + deleted + ")\nFROM merged").toString();
    }

    @Override
    public String countMergeActions(StagingTable staging) {
        MetadataColumns meta = staging.meta();
        String firstKey = staging.keys().get(0).name();
        SqlBuilder b = sql().sql("SELECT COUNT(CASE WHEN ").qualified(TARGET, firstKey).sql(" IS NULL AND NOT ")
                .qualified(STAGING, meta.deleted()).sql(" THEN 1 END),\n  COUNT(CASE WHEN ").qualified(TARGET, firstKey)
                .sql(" IS NOT NULL AND NOT ").qualified(STAGING, meta.deleted()).sql(" AND ");
        versionGuard(b, meta).sql(" THEN 1 END),\n  COUNT(CASE WHEN ").qualified(STAGING, meta.deleted());
        if (staging.deleteMode() == DeleteMode.SOFT) {
            b.sql(" AND (").qualified(TARGET, firstKey).sql(" IS NULL OR ");
            versionGuard(b, meta).sql(")");
        } else {
            b.sql(" AND ").qualified(TARGET, firstKey).sql(" IS NOT NULL AND ");
            versionGuard(b, meta);
        }
        b.sql(" THEN 1 END)\nFROM ").table(staging.name()).sql(" AS " + STAGING + " LEFT JOIN ").table(staging.target())
                .sql(" AS " + TARGET + " ON ");
        keysMatch(b, staging);
        return b.toString();
    }

    @Override
    public String append(StagingTable staging) {
        List<String> inserted = staging.insertedColumns();
        return sql().sql("INSERT INTO ").table(staging.target()).sql(" (").names(inserted).sql(")\nSELECT ").names(inserted)
                .sql(" FROM ").table(staging.name()).toString();
    }

    @Override
    public String createOffsetTable(OffsetTable offsets) {
        SqlBuilder b = sql().sql("CREATE TABLE IF NOT EXISTS ").table(offsets.table()).sql(" (")
                .name(offsets.connector()).sql(" " + columnType.apply(ColumnType.STRING) + " NOT NULL, ");
        if (offsets.tableName() != null) {
            b.name(offsets.tableName()).sql(" " + columnType.apply(ColumnType.STRING) + " NOT NULL, ");
        }
        return b.name(offsets.topic()).sql(" " + columnType.apply(ColumnType.STRING) + " NOT NULL, ")
                .name(offsets.partition()).sql(" " + columnType.apply(ColumnType.INT32) + " NOT NULL, ")
                .name(offsets.nextOffset()).sql(" " + columnType.apply(ColumnType.INT64) + " NOT NULL, PRIMARY KEY (")
                .names(offsets.key()).sql("))").toString();
    }

    /** Parameters: connector (and, per table, the table's name). */
    @Override
    public String readOffsets(OffsetTable offsets) {
        SqlBuilder b = sql().sql("SELECT ").names(List.of(offsets.topic(), offsets.partition(), offsets.nextOffset())).sql(" FROM ")
                .table(offsets.table()).sql(" WHERE ").name(offsets.connector()).sql(" = ?");
        if (offsets.tableName() != null) {
            b.sql(" AND ").name(offsets.tableName()).sql(" = ?");
        }
        return b.toString();
    }

    /** INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and DuckDB). Parameters: the key columns, then the next offset. */
    @Override
    public String writeOffset(OffsetTable offsets) {
        List<String> all = new ArrayList<>(offsets.key());
        all.add(offsets.nextOffset());
        return sql().sql("INSERT INTO ").table(offsets.table()).sql(" (").names(all)
                .sql(") VALUES (").sql(String.join(", ", java.util.Collections.nCopies(all.size(), "?"))).sql(") ON CONFLICT (")
                .names(offsets.key()).sql(") DO UPDATE SET ").name(offsets.nextOffset()).sql(" = EXCLUDED.").name(offsets.nextOffset())
                .toString();
    }

    /** Parameters: connector, topic, partition (per table: the rows of every table). */
    @Override
    public String deleteOffset(OffsetTable offsets) {
        return sql().sql("DELETE FROM ").table(offsets.table()).sql(" WHERE ").name(offsets.connector()).sql(" = ? AND ")
                .name(offsets.topic()).sql(" = ? AND ").name(offsets.partition()).sql(" = ?").toString();
    }

    @Override
    public String insertOffset(OffsetTable offsets) {
        List<String> all = new ArrayList<>(offsets.key());
        all.add(offsets.nextOffset());
        return sql().sql("INSERT INTO ").table(offsets.table()).sql(" (").names(all)
                .sql(") VALUES (").sql(String.join(", ", java.util.Collections.nCopies(all.size(), "?"))).sql(")").toString();
    }

    @Override
    public String updateOffsetIfAt(OffsetTable offsets) {
        return sql().sql("UPDATE ").table(offsets.table()).sql(" SET ").name(offsets.nextOffset()).sql(" = ? WHERE ")
                .each(offsets.key(), " AND ", (b, name) -> b.name(name).sql(" = ?")).sql(" AND ").name(offsets.nextOffset())
                .sql(" = ?").toString();
    }

    /** Reads a table's columns from information_schema, mapping each type with {@code types}. */
    public static List<ExistingColumn> describe(Connection connection, TableId table, ColumnTypeReader types) throws SQLException {
        String query = "SELECT column_name, data_type, numeric_precision, numeric_scale, character_maximum_length"
                + " FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = "
                + (table.schema() == null ? "current_schema()" : "?") + " AND table_name = ? ORDER BY ordinal_position";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            int parameter = 1;
            if (table.schema() != null) {
                statement.setString(parameter++, table.schema());
            }
            statement.setString(parameter, table.name());
            List<ExistingColumn> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String dataType = rows.getString(2);
                    int precision = rows.getInt(3);
                    int scale = rows.getObject(4) == null ? ColumnType.UNBOUNDED : rows.getInt(4);
                    if (rows.getObject(3) == null) {
                        precision = ColumnType.UNBOUNDED;
                    }
                    int length = rows.getObject(5) == null ? ColumnType.UNBOUNDED : rows.getInt(5);
                    columns.add(new ExistingColumn(rows.getString(1), dataType, types.read(dataType, precision, scale, length)));
                }
            }
            return columns;
        }
    }

    /**
     * Maps information_schema's data_type (with numeric precision and scale, and character_maximum_length,
     * which is also a bit string's length; each {@link ColumnType#UNBOUNDED} where null) to a neutral type, or null.
     */
    @FunctionalInterface
    public interface ColumnTypeReader {
        ColumnType read(String dataType, int precision, int scale, int length);
    }
}
