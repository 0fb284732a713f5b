package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact SQL DuckDB receives, readable for review. */
class DuckDbStatementsTest {

    private static final TableId TARGET = new TableId(null, "orders");
    private static final List<Column> KEYS = List.of(new Column("region", ColumnType.STRING), new Column("id", ColumnType.INT32));

    private final FlushStatements sql = new DuckDbDialect().statements();

    private static StagingTable staging(DeleteMode deleteMode) {
        return StagingTable.forMerge(TARGET, new TableId(null, "__tm_stage"), KEYS,
                List.of(new Column("total", ColumnType.decimal(12, 2))), Map.of(), MetadataColumns.spelled(IdentifierCase.AS_IS),
                deleteMode);
    }

    @Test
    void replacesTheStagingTableEachFlushAndDropsItAfterwards() {
        StagingTable staging = staging(DeleteMode.HARD);

        assertThat(sql.createStaging(staging)).containsExactly("CREATE OR REPLACE TEMP TABLE \"__tm_stage\" (\"region\" VARCHAR,"
                + " \"id\" INTEGER, \"total\" DECIMAL(12,2), \"__version\" BIGINT, \"__source_ts_ms\" BIGINT, \"__deleted\" BOOLEAN, \"__revives\" BOOLEAN, \"__unknown_since_partition\" VARCHAR,"
                + " \"__unknown_since_offset\" BIGINT)");
        assertThat(sql.prepareStaging(staging)).isEmpty();
        assertThat(sql.dropStaging(staging)).containsExactly("DROP TABLE IF EXISTS \"__tm_stage\"");
    }

    /**
     * The MERGE's outcome as sets: the updated rows' new values (the stored row with the updated columns replaced, so
     * columns the batch lacks keep their values), the deletes of updated and deleted keys, the updated rows back, the
     * inserts of keys never stored, each matching on every key column. What each statement decides is the MERGE's
     * (the shared conditions of MergeStatement); the DuckDB warehouse scenarios and the model test show the outcome.
     */
    @Test
    void writesTheMergeAsDeletesAndInsertsOfSetsMatchingOnEveryKeyColumn() {
        List<String> merge = sql.merge(staging(DeleteMode.HARD));

        assertThat(merge).hasSize(5);
        assertThat(merge.get(0)).startsWith("CREATE TEMP TABLE \"__tm_stage_updated\" AS SELECT t.* REPLACE (CASE WHEN ")
                .contains(" AS \"total\", ", " AS \"__version\", ", " AS \"__unknown_since_offset\")\n"
                        + "FROM \"__tm_stage\" AS s JOIN \"orders\" AS t ON t.\"region\" = s.\"region\" AND t.\"id\" = s.\"id\"\nWHERE (")
                .endsWith(" AND NOT (s.\"__deleted\" AND COALESCE(s.\"__version\" >= t.\"__version\", TRUE))");
        assertThat(merge.get(1)).startsWith("DELETE FROM \"orders\" AS t USING \"__tm_stage\" AS s\n"
                + "WHERE t.\"region\" = s.\"region\" AND t.\"id\" = s.\"id\" AND ((COALESCE(s.\"__version\" >= t.\"__version\", TRUE) OR ")
                .endsWith(" OR s.\"__deleted\" AND COALESCE(s.\"__version\" >= t.\"__version\", TRUE))");
        assertThat(merge.get(2)).isEqualTo("INSERT INTO \"orders\" BY NAME SELECT * FROM \"__tm_stage_updated\"");
        assertThat(merge.get(3)).isEqualTo("""
                INSERT INTO "orders" ("region", "id", "total", "__version", "__source_ts_ms", "__unknown_columns", \
                "__unknown_since_partition", "__unknown_since_offset")
                SELECT s."region", s."id", s."total", s."__version", s."__source_ts_ms", NULL, NULL, NULL
                FROM "__tm_stage" AS s
                WHERE NOT EXISTS (SELECT 1 FROM "orders" AS t WHERE t."region" = s."region" AND t."id" = s."id") AND \
                NOT s."__deleted\"""");
        assertThat(merge.get(4)).isEqualTo("DROP TABLE \"__tm_stage_updated\"");
    }

    @Test
    void namesEveryNeutralTypeKeepingWideAndVariableDecimalsExactAsText() {
        DuckDbDialect dialect = new DuckDbDialect();

        assertThat(List.of(ColumnType.BOOLEAN, ColumnType.INT8, ColumnType.INT16, ColumnType.INT32, ColumnType.INT64, ColumnType.FLOAT32,
                ColumnType.FLOAT64, ColumnType.decimal(12, 3), ColumnType.decimal(ColumnType.UNBOUNDED, 4), ColumnType.decimal(40, 2),
                ColumnType.decimal(ColumnType.UNBOUNDED, ColumnType.UNBOUNDED), ColumnType.STRING, ColumnType.BYTES, ColumnType.DATE,
                ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ, ColumnType.JSON, ColumnType.UUID).stream()
                .map(dialect::columnType))
                .containsExactly("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(12,3)", "DECIMAL(38,4)",
                        "VARCHAR", "VARCHAR", "VARCHAR", "BLOB", "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "JSON", "UUID");
    }
}
