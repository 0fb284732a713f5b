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

    @Test
    void updatesOnlyNonKeyColumnsMatchingOnEveryKeyColumn() {
        assertThat(sql.merge(staging(DeleteMode.NONE))).isEqualTo("""
                MERGE INTO "orders" AS t
                USING "__tm_stage" AS s
                ON t."region" = s."region" AND t."id" = s."id"
                WHEN MATCHED AND (COALESCE(s."__version" >= t."__version", TRUE) OR (t."__unknown_columns" IS NOT NULL AND \
                NOT s."__deleted" AND (s."__unknown_since_partition" = t."__unknown_since_partition" AND \
                s."__unknown_since_offset" > t."__unknown_since_offset"))) THEN UPDATE SET "total" = CASE WHEN \
                (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"total",' IN ',' || t."__unknown_columns") > 0)) THEN s."total" ELSE t."total" END, "__version" = \
                CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) THEN COALESCE(s."__version", t."__version") ELSE \
                t."__version" END, "__source_ts_ms" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) THEN \
                COALESCE(s."__source_ts_ms", t."__source_ts_ms") ELSE t."__source_ts_ms" END, "__unknown_columns" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives") THEN NULL ELSE CASE \
                WHEN t."__unknown_columns" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(',' || t."__unknown_columns", ',"total",', \
                CASE WHEN (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"total",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"total",' END), 2), '') END END, "__unknown_since_partition" = CASE WHEN COALESCE(s."__version" >= \
                t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives") THEN NULL WHEN CASE WHEN t."__unknown_columns" \
                IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(',' || t."__unknown_columns", ',"total",', CASE WHEN \
                (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"total",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"total",' END), 2), '') END IS \
                NULL THEN NULL ELSE t."__unknown_since_partition" END, "__unknown_since_offset" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives") THEN NULL WHEN CASE \
                WHEN t."__unknown_columns" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(',' || t."__unknown_columns", ',"total",', \
                CASE WHEN (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"total",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"total",' END), 2), '') END IS NULL THEN NULL ELSE t."__unknown_since_offset" END
                WHEN NOT MATCHED AND NOT s."__deleted" THEN INSERT ("region", "id", "total", "__version", "__source_ts_ms", \
                "__unknown_columns", "__unknown_since_partition", "__unknown_since_offset")
                  VALUES (s."region", s."id", s."total", s."__version", s."__source_ts_ms", NULL, NULL, NULL)""");
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
