package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.MergeStatement;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.SqlBuilder;
import io.tidemark.connect.sink.dialect.SqlVariant;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.StandardStatements;
import io.tidemark.connect.sink.dialect.TableDefinition;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.TableId;

import java.util.List;

import static io.tidemark.connect.sink.dialect.StandardStatements.STAGING;
import static io.tidemark.connect.sink.dialect.StandardStatements.TARGET;

/**
 * Snowflake's flush statements. CREATE TABLE, ALTER TABLE ADD COLUMN IF NOT EXISTS, the counting query
 * and the offset reads are standard SQL that Snowflake takes as PostgreSQL does, so they come from
 * {@link StandardStatements}; what differs is written here:
 *
 * <ul>
 *   <li>the staging table is {@code CREATE OR REPLACE TEMPORARY TABLE} (Snowflake has no ON COMMIT DROP;
 *   the next flush replaces it, the session's end drops it), JSON and binary columns staged as text;</li>
 *   <li>the MERGE reads a subquery of the staging table joined to the stored rows that converts values
 *   (PARSE_JSON, TO_BINARY) and computes every value the MERGE sets, so UPDATE SET and INSERT take plain
 *   source columns (fakesnow's MERGE carries only those);</li>
 *   <li>the MERGE answers its own counts, except in soft-delete mode where a delete is an update;</li>
 *   <li>the offsets upsert is a MERGE from a one-row subquery of bind parameters (no ON CONFLICT).</li>
 * </ul>
 */
final class SnowflakeStatements implements FlushStatements {

    /** Aliases inside the MERGE's source subquery: the staging rows and the stored rows. */
    private static final String STAGED = "st";
    private static final String STORED = "cur";

    private final Identifiers identifiers;
    private final StandardStatements standard;

    SnowflakeStatements(Identifiers identifiers) {
        this.identifiers = identifiers;
        // Only the statements that do not depend on the variant are delegated.
        this.standard = new StandardStatements(identifiers, SnowflakeTypes::name, new SqlVariant("", "", false, false, false, false, List.of()));
    }

    private SqlBuilder sql() {
        return new SqlBuilder(identifiers);
    }

    @Override
    public String createTable(TableDefinition table) {
        return standard.createTable(table);
    }

    @Override
    public String addColumn(TableId table, Column column) {
        return standard.addColumn(table, column);
    }

    @Override
    public List<String> createStaging(StagingTable staging) {
        return List.of(sql().sql("CREATE OR REPLACE TEMPORARY TABLE ").table(staging.name()).sql(" (")
                .each(staging.columns(), ", ", (s, column) -> s.name(column.name()).sql(" " + SnowflakeTypes.stagingName(column.type())))
                .sql(")").toString());
    }

    @Override
    public List<String> prepareStaging(StagingTable staging) {
        return List.of();
    }

    @Override
    public String countMergeActions(StagingTable staging) {
        return standard.countMergeActions(staging);
    }

    @Override
    public boolean mergeReportsActions(StagingTable staging) {
        return staging.deleteMode() != DeleteMode.SOFT;
    }

    /**
     * The MERGE from a subquery that computes every value it sets (see {@link MergeStatement#writeFromComputedSource}),
     * converting staged text to JSON and binary. The subquery's join is on the key, which the batch holds once, so
     * each stored row meets at most one source row as long as the table holds each key once. Snowflake does not
     * enforce PRIMARY KEY: where rows written by something else repeat a key, the MERGE then fails as
     * nondeterministic (ERROR_ON_NONDETERMINISTIC_MERGE) instead of keeping one of their values at random.
     */
    @Override
    public List<String> merge(StagingTable staging) {
        return List.of(MergeStatement.writeFromComputedSource(sql(), staging, STAGED, STORED, SnowflakeStatements::staged));
    }

    /** A staged value in its target type: JSON text parsed into a VARIANT, hex text into BINARY. */
    private static void staged(SqlBuilder b, Column column, String alias) {
        if (column.type().kind() == ColumnType.Kind.JSON || SnowflakeTypes.isArray(column.type())) {
            qualifiedOrPlain(b.sql("PARSE_JSON("), alias, column.name()).sql(")");
        } else if (column.type().kind() == ColumnType.Kind.BYTES) {
            qualifiedOrPlain(b.sql("TO_BINARY("), alias, column.name()).sql(", 'HEX')");
        } else {
            qualifiedOrPlain(b, alias, column.name());
        }
    }

    private static SqlBuilder qualifiedOrPlain(SqlBuilder b, String alias, String name) {
        return alias == null ? b.name(name) : b.qualified(alias, name);
    }

    @Override
    public String append(StagingTable staging) {
        List<String> inserted = staging.insertedColumns();
        return sql().sql("INSERT INTO ").table(staging.target()).sql(" (").names(inserted).sql(")\nSELECT ")
                .each(inserted, ", ", (s, name) -> staged(s, staging.columns().get(staging.indexOf(name)), null))
                .sql(" FROM ").table(staging.name()).toString();
    }

    /** Nothing: the next flush's CREATE OR REPLACE replaces the staging table, and a DROP would cost a round trip. */
    @Override
    public List<String> dropStaging(StagingTable staging) {
        return List.of();
    }

    @Override
    public String createOffsetTable(OffsetTable offsets) {
        return standard.createOffsetTable(offsets);
    }

    @Override
    public String readOffsets(OffsetTable offsets) {
        return standard.readOffsets(offsets);
    }

    /** MERGE from a one-row subquery of the parameters: the key columns, then the next offset. */
    @Override
    public String writeOffset(OffsetTable offsets) {
        List<String> key = offsets.key();
        List<String> all = new java.util.ArrayList<>(key);
        all.add(offsets.nextOffset());
        return sql().sql("MERGE INTO ").table(offsets.table()).sql(" AS " + TARGET + "\nUSING (SELECT ")
                .each(all, ", ", (s, name) -> s.sql("? AS ").name(name)).sql(") AS " + STAGING + "\nON ")
                .each(key, " AND ", (s, name) -> s.qualified(TARGET, name).sql(" = ").qualified(STAGING, name))
                .sql("\nWHEN MATCHED THEN UPDATE SET ").name(offsets.nextOffset()).sql(" = ").qualified(STAGING, offsets.nextOffset())
                .sql("\nWHEN NOT MATCHED THEN INSERT (").names(all).sql(") VALUES (")
                .each(all, ", ", (s, name) -> s.qualified(STAGING, name)).sql(")").toString();
    }

    @Override
    public String deleteOffset(OffsetTable offsets) {
        return standard.deleteOffset(offsets);
    }

    @Override
    public String insertOffset(OffsetTable offsets) {
        return standard.insertOffset(offsets);
    }

    @Override
    public String updateOffsetIfAt(OffsetTable offsets) {
        return standard.updateOffsetIfAt(offsets);
    }
}
