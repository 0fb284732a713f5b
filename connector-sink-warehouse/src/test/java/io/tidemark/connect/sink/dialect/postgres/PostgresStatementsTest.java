package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.TableDefinition;
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

/** The exact SQL PostgreSQL receives, readable for review. */
class PostgresStatementsTest {

    static final TableId TARGET = new TableId("analytics", "customers");
    static final TableId STAGING = new TableId(null, "__tm_stage");
    static final MetadataColumns META = MetadataColumns.spelled(IdentifierCase.AS_IS);
    static final List<Column> KEYS = List.of(new Column("id", ColumnType.INT64));
    static final List<Column> DATA = List.of(new Column("name", ColumnType.STRING), new Column("email", ColumnType.STRING));

    /** PostgreSQL 15 and 16: counts come from a query before the MERGE. */
    private final FlushStatements sql = new PostgresDialect().statements(16);
    /** PostgreSQL 17: the MERGE reports its actions itself. */
    private final FlushStatements sql17 = new PostgresDialect().statements(17);

    static StagingTable merge(DeleteMode deleteMode) {
        return StagingTable.forMerge(TARGET, STAGING, KEYS, DATA, Map.of("email", "__tm_from_1"), META, deleteMode);
    }

    /**
     * The creation lock of a quoted name: a number computed from the name, so no name is ever a value in SQL text
     * (PostgresConcurrentTableCreationTest shows what it is for).
     */
    private static String lockOf(String quotedName) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(quotedName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "SELECT pg_advisory_xact_lock(1414357876, " + (int) crc.getValue() + ")";
    }

    @Test
    void createsTheTableWithTheKeyAsPrimaryKey() {
        assertThat(sql.createTable(new TableDefinition(TARGET, KEYS, List.of(new Column("name", ColumnType.STRING),
                new Column("amount", ColumnType.decimal(10, 2)), new Column("__version", ColumnType.INT64)))))
                .isEqualTo(lockOf("\"analytics\".\"customers\"") + "; CREATE TABLE IF NOT EXISTS \"analytics\".\"customers\" (\"id\" bigint NOT NULL, \"name\" text,"
                        + " \"amount\" numeric(10,2), \"__version\" bigint, PRIMARY KEY (\"id\"))");
    }

    @Test
    void addsAColumnOnlyIfNoOtherWriterDidFirst() {
        assertThat(sql.addColumn(TARGET, new Column("tier", ColumnType.STRING)))
                .isEqualTo("ALTER TABLE \"analytics\".\"customers\" ADD COLUMN IF NOT EXISTS \"tier\" text");
    }

    @Test
    void quotesNamesSoNoNameCanBeReadAsSql() {
        assertThat(sql.addColumn(new TableId(null, "t\"; DROP TABLE x; --"), new Column("a\"b", ColumnType.INT32)))
                .isEqualTo("ALTER TABLE \"t\"\"; DROP TABLE x; --\" ADD COLUMN IF NOT EXISTS \"a\"\"b\" integer");
    }

    @Test
    void stagesIntoATemporaryTableDroppedAtCommitAndAnalyzesIt() {
        StagingTable staging = merge(DeleteMode.HARD);

        assertThat(sql.createStaging(staging)).containsExactly("CREATE TEMP TABLE \"__tm_stage\" (\"id\" bigint, \"name\" text,"
                + " \"email\" text, \"__version\" bigint, \"__source_ts_ms\" bigint, \"__deleted\" boolean, \"__revives\" boolean, \"__unknown_since_partition\" text, \"__unknown_since_offset\" bigint,"
                + " \"__tm_from_1\" bigint)"
                + " ON COMMIT DROP");
        assertThat(sql.prepareStaging(staging)).containsExactly("ANALYZE \"__tm_stage\" (\"id\")",
                "SELECT set_config('random_page_cost', LEAST(current_setting('random_page_cost')::float8, 1.1)::text, true)");
        assertThat(sql.dropStaging(staging)).isEmpty();
    }

    @Test
    void mergesWithTheVersionGuardHardDeletesAndKeptColumns() {
        assertThat(sql.merge(merge(DeleteMode.HARD)).get(0)).isEqualTo("""
                MERGE INTO "analytics"."customers" AS t
                USING "__tm_stage" AS s
                ON t."id" = s."id"
                WHEN MATCHED AND s."__deleted" AND COALESCE(s."__version" >= t."__version", TRUE) THEN DELETE
                WHEN MATCHED AND (COALESCE(s."__version" >= t."__version", TRUE) OR (t."__unknown_columns" IS NOT NULL AND \
                NOT s."__deleted" AND (s."__unknown_since_partition" = t."__unknown_since_partition" AND \
                s."__unknown_since_offset" > t."__unknown_since_offset"))) THEN UPDATE SET "name" = CASE WHEN \
                (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN s."name" ELSE t."name" END, "email" = CASE \
                WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR (s."__tm_from_1" IS NOT NULL AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) OR \
                COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives") THEN s."email" ELSE \
                t."email" END, "__version" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) THEN \
                COALESCE(s."__version", t."__version") ELSE t."__version" END, "__source_ts_ms" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) THEN COALESCE(s."__source_ts_ms", t."__source_ts_ms") ELSE \
                t."__source_ts_ms" END, "__unknown_columns" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) AND \
                NOT s."__deleted" AND (s."__revives") THEN CASE WHEN s."__deleted" THEN NULL ELSE NULLIF(CASE WHEN \
                s."__tm_from_1" IS NOT NULL THEN '' ELSE '"email",' END, '') END ELSE CASE WHEN t."__unknown_columns" IS NOT \
                NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN \
                (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"name",' END), ',"email",', CASE \
                WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR (s."__tm_from_1" IS NOT NULL AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"email",' END), 2), '') END END, "__unknown_since_partition" = CASE WHEN COALESCE(s."__version" >= \
                t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives") THEN CASE WHEN NOT s."__deleted" AND \
                (s."__tm_from_1" IS NULL) THEN s."__unknown_since_partition" END WHEN CASE WHEN t."__unknown_columns" IS NOT \
                NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN \
                (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"name",' END), ',"email",', CASE \
                WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR (s."__tm_from_1" IS NOT NULL AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"email",' END), 2), '') END IS NULL THEN NULL ELSE t."__unknown_since_partition" END, \
                "__unknown_since_offset" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND \
                (s."__revives") THEN CASE WHEN NOT s."__deleted" AND (s."__tm_from_1" IS NULL) THEN \
                s."__unknown_since_offset" END WHEN CASE WHEN t."__unknown_columns" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN (COALESCE(s."__version" >= \
                t."__version", TRUE) OR (NOT s."__deleted" AND (s."__unknown_since_partition" = t."__unknown_since_partition" \
                AND s."__unknown_since_offset" > t."__unknown_since_offset") AND POSITION(',"name",' IN ',' || \
                t."__unknown_columns") > 0)) THEN ',' ELSE ',"name",' END), ',"email",', CASE WHEN (s."__tm_from_1" >= \
                COALESCE(t."__version", s."__tm_from_1") OR (s."__tm_from_1" IS NOT NULL AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"email",' END), 2), '') END IS \
                NULL THEN NULL ELSE t."__unknown_since_offset" END
                WHEN NOT MATCHED AND NOT s."__deleted" THEN INSERT ("id", "name", "email", "__version", "__source_ts_ms", \
                "__unknown_columns", "__unknown_since_partition", "__unknown_since_offset")
                  VALUES (s."id", s."name", s."email", s."__version", s."__source_ts_ms", CASE WHEN s."__deleted" THEN NULL \
                ELSE NULLIF(CASE WHEN s."__tm_from_1" IS NOT NULL THEN '' ELSE '"email",' END, '') END, CASE WHEN NOT \
                s."__deleted" AND (s."__tm_from_1" IS NULL) THEN s."__unknown_since_partition" END, CASE WHEN NOT \
                s."__deleted" AND (s."__tm_from_1" IS NULL) THEN s."__unknown_since_offset" END)""");
    }

    @Test
    void softDeletesMarkRowsAndInsertDeletedRowsTheTableNeverHad() {
        assertThat(sql.merge(merge(DeleteMode.SOFT)).get(0)).isEqualTo("""
                MERGE INTO "analytics"."customers" AS t
                USING "__tm_stage" AS s
                ON t."id" = s."id"
                WHEN MATCHED AND (COALESCE(s."__version" >= t."__version", TRUE) OR (t."__unknown_columns" IS NOT NULL AND \
                NOT s."__deleted" AND NOT COALESCE(t."__deleted", FALSE) AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset"))) THEN UPDATE SET \
                "name" = CASE WHEN (COALESCE(s."__version" >= t."__version", TRUE) OR (NOT s."__deleted" AND NOT \
                COALESCE(t."__deleted", FALSE) AND (s."__unknown_since_partition" = t."__unknown_since_partition" AND \
                s."__unknown_since_offset" > t."__unknown_since_offset") AND POSITION(',"name",' IN ',' || \
                t."__unknown_columns") > 0)) THEN s."name" ELSE t."name" END, "email" = CASE WHEN (s."__tm_from_1" >= \
                COALESCE(t."__version", s."__tm_from_1") OR (s."__tm_from_1" IS NOT NULL AND NOT COALESCE(t."__deleted", \
                FALSE) AND (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) OR \
                COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives" OR \
                COALESCE(t."__deleted", FALSE)) THEN s."email" ELSE t."email" END, "__version" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) THEN COALESCE(s."__version", t."__version") ELSE t."__version" \
                END, "__source_ts_ms" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) THEN \
                COALESCE(s."__source_ts_ms", t."__source_ts_ms") ELSE t."__source_ts_ms" END, "__deleted" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) THEN s."__deleted" ELSE t."__deleted" END, "__unknown_columns" \
                = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives" OR \
                COALESCE(t."__deleted", FALSE)) THEN CASE WHEN s."__deleted" THEN NULL ELSE NULLIF(CASE WHEN s."__tm_from_1" \
                IS NOT NULL THEN '' ELSE '"email",' END, '') END ELSE CASE WHEN t."__unknown_columns" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN (COALESCE(s."__version" >= \
                t."__version", TRUE) OR (NOT s."__deleted" AND NOT COALESCE(t."__deleted", FALSE) AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"name",' END), ',"email",', CASE WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR \
                (s."__tm_from_1" IS NOT NULL AND NOT COALESCE(t."__deleted", FALSE) AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"email",' END), 2), '') END END, \
                "__unknown_since_partition" = CASE WHEN COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" \
                AND (s."__revives" OR COALESCE(t."__deleted", FALSE)) THEN CASE WHEN NOT s."__deleted" AND (s."__tm_from_1" \
                IS NULL) THEN s."__unknown_since_partition" END WHEN CASE WHEN t."__unknown_columns" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN (COALESCE(s."__version" >= \
                t."__version", TRUE) OR (NOT s."__deleted" AND NOT COALESCE(t."__deleted", FALSE) AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"name",' END), ',"email",', CASE WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR \
                (s."__tm_from_1" IS NOT NULL AND NOT COALESCE(t."__deleted", FALSE) AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"email",' END), 2), '') END IS \
                NULL THEN NULL ELSE t."__unknown_since_partition" END, "__unknown_since_offset" = CASE WHEN \
                COALESCE(s."__version" >= t."__version", TRUE) AND NOT s."__deleted" AND (s."__revives" OR \
                COALESCE(t."__deleted", FALSE)) THEN CASE WHEN NOT s."__deleted" AND (s."__tm_from_1" IS NULL) THEN \
                s."__unknown_since_offset" END WHEN CASE WHEN t."__unknown_columns" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(',' || t."__unknown_columns", ',"name",', CASE WHEN (COALESCE(s."__version" >= \
                t."__version", TRUE) OR (NOT s."__deleted" AND NOT COALESCE(t."__deleted", FALSE) AND \
                (s."__unknown_since_partition" = t."__unknown_since_partition" AND s."__unknown_since_offset" > \
                t."__unknown_since_offset") AND POSITION(',"name",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE \
                ',"name",' END), ',"email",', CASE WHEN (s."__tm_from_1" >= COALESCE(t."__version", s."__tm_from_1") OR \
                (s."__tm_from_1" IS NOT NULL AND NOT COALESCE(t."__deleted", FALSE) AND (s."__unknown_since_partition" = \
                t."__unknown_since_partition" AND s."__unknown_since_offset" > t."__unknown_since_offset") AND \
                POSITION(',"email",' IN ',' || t."__unknown_columns") > 0)) THEN ',' ELSE ',"email",' END), 2), '') END IS \
                NULL THEN NULL ELSE t."__unknown_since_offset" END
                WHEN NOT MATCHED THEN INSERT ("id", "name", "email", "__version", "__source_ts_ms", "__deleted", \
                "__unknown_columns", "__unknown_since_partition", "__unknown_since_offset")
                  VALUES (s."id", s."name", s."email", s."__version", s."__source_ts_ms", s."__deleted", CASE WHEN \
                s."__deleted" THEN NULL ELSE NULLIF(CASE WHEN s."__tm_from_1" IS NOT NULL THEN '' ELSE '"email",' END, '') \
                END, CASE WHEN NOT s."__deleted" AND (s."__tm_from_1" IS NULL) THEN s."__unknown_since_partition" END, CASE \
                WHEN NOT s."__deleted" AND (s."__tm_from_1" IS NULL) THEN s."__unknown_since_offset" END)""");
    }

    @Test
    void fromPostgres17TheMergeCountsItsOwnActions() {
        assertThat(sql17.mergeReportsActions(merge(DeleteMode.SOFT))).isTrue();
        assertThat(sql.mergeReportsActions(merge(DeleteMode.SOFT))).isFalse();
        assertThat(sql17.merge(merge(DeleteMode.SOFT)).get(0)).isEqualTo("WITH merged AS (" + sql.merge(merge(DeleteMode.SOFT)).get(0) + """

                RETURNING merge_action() AS action, s."__deleted")
                SELECT COUNT(*) FILTER (WHERE action = 'INSERT' AND NOT merged."__deleted"), \
                COUNT(*) FILTER (WHERE action = 'UPDATE' AND NOT merged."__deleted"), \
                COUNT(*) FILTER (WHERE action = 'DELETE' OR merged."__deleted")
                FROM merged""");
    }

    @Test
    void countsWhatTheMergeWillDoWithTheSameGuard() {
        assertThat(sql.countMergeActions(merge(DeleteMode.HARD))).isEqualTo("""
                SELECT COUNT(CASE WHEN t."id" IS NULL AND NOT s."__deleted" THEN 1 END),
                  COUNT(CASE WHEN t."id" IS NOT NULL AND NOT s."__deleted" AND COALESCE(s."__version" >= t."__version", TRUE) THEN 1 END),
                  COUNT(CASE WHEN s."__deleted" AND t."id" IS NOT NULL AND COALESCE(s."__version" >= t."__version", TRUE) THEN 1 END)
                FROM "__tm_stage" AS s LEFT JOIN "analytics"."customers" AS t ON t."id" = s."id\"""");
    }

    @Test
    void appendsFromStagingWithKafkaCoordinates() {
        StagingTable append = StagingTable.forAppend(TARGET, STAGING, List.of(), DATA, META);

        assertThat(sql.append(append)).isEqualTo("""
                INSERT INTO "analytics"."customers" ("name", "email", "__version", "__source_ts_ms", "__op", "__kafka_topic", \
                "__kafka_partition", "__kafka_offset")
                SELECT "name", "email", "__version", "__source_ts_ms", "__op", "__kafka_topic", "__kafka_partition", "__kafka_offset" \
                FROM "__tm_stage\"""");
    }

    @Test
    void keepsAppendOffsetsInTheirOwnTable() {
        OffsetTable offsets = OffsetTable.in("analytics", IdentifierCase.AS_IS);

        assertThat(sql.createOffsetTable(offsets)).isEqualTo(lockOf("\"analytics\".\"__tidemark_offsets\"")
                + "; CREATE TABLE IF NOT EXISTS \"analytics\".\"__tidemark_offsets\""
                + " (\"connector\" text NOT NULL, \"topic\" text NOT NULL, \"kafka_partition\" integer NOT NULL,"
                + " \"next_offset\" bigint NOT NULL, PRIMARY KEY (\"connector\", \"topic\", \"kafka_partition\"))");
        assertThat(sql.readOffsets(offsets)).isEqualTo("SELECT \"topic\", \"kafka_partition\", \"next_offset\""
                + " FROM \"analytics\".\"__tidemark_offsets\" WHERE \"connector\" = ?");
        assertThat(sql.writeOffset(offsets)).isEqualTo("INSERT INTO \"analytics\".\"__tidemark_offsets\" (\"connector\", \"topic\","
                + " \"kafka_partition\", \"next_offset\") VALUES (?, ?, ?, ?) ON CONFLICT (\"connector\", \"topic\", \"kafka_partition\")"
                + " DO UPDATE SET \"next_offset\" = EXCLUDED.\"next_offset\"");
        assertThat(sql.deleteOffset(offsets)).isEqualTo("DELETE FROM \"analytics\".\"__tidemark_offsets\""
                + " WHERE \"connector\" = ? AND \"topic\" = ? AND \"kafka_partition\" = ?");

        OffsetTable perTable = offsets.perTable();
        assertThat(sql.createOffsetTable(perTable)).isEqualTo(lockOf("\"analytics\".\"__tidemark_table_offsets\"")
                + "; CREATE TABLE IF NOT EXISTS \"analytics\".\"__tidemark_table_offsets\""
                + " (\"connector\" text NOT NULL, \"table_name\" text NOT NULL, \"topic\" text NOT NULL, \"kafka_partition\" integer NOT NULL,"
                + " \"next_offset\" bigint NOT NULL, PRIMARY KEY (\"connector\", \"table_name\", \"topic\", \"kafka_partition\"))");
        assertThat(sql.readOffsets(perTable)).isEqualTo("SELECT \"topic\", \"kafka_partition\", \"next_offset\""
                + " FROM \"analytics\".\"__tidemark_table_offsets\" WHERE \"connector\" = ? AND \"table_name\" = ?");
        assertThat(sql.writeOffset(perTable)).isEqualTo("INSERT INTO \"analytics\".\"__tidemark_table_offsets\" (\"connector\","
                + " \"table_name\", \"topic\", \"kafka_partition\", \"next_offset\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"connector\","
                + " \"table_name\", \"topic\", \"kafka_partition\") DO UPDATE SET \"next_offset\" = EXCLUDED.\"next_offset\"");
        assertThat(sql.insertOffset(perTable)).isEqualTo("INSERT INTO \"analytics\".\"__tidemark_table_offsets\" (\"connector\","
                + " \"table_name\", \"topic\", \"kafka_partition\", \"next_offset\") VALUES (?, ?, ?, ?, ?)");
        assertThat(sql.updateOffsetIfAt(perTable)).as("a compare-and-set on the offset the flush read").isEqualTo("UPDATE"
                + " \"analytics\".\"__tidemark_table_offsets\" SET \"next_offset\" = ? WHERE \"connector\" = ? AND \"table_name\" = ?"
                + " AND \"topic\" = ? AND \"kafka_partition\" = ? AND \"next_offset\" = ?");
        assertThat(sql.deleteOffset(perTable)).as("every table's rows of the partition").isEqualTo("DELETE FROM"
                + " \"analytics\".\"__tidemark_table_offsets\" WHERE \"connector\" = ? AND \"topic\" = ? AND \"kafka_partition\" = ?");
    }

    @Test
    void namesEveryNeutralType() {
        PostgresDialect dialect = new PostgresDialect();

        assertThat(List.of(ColumnType.BOOLEAN, ColumnType.INT8, ColumnType.INT16, ColumnType.INT32, ColumnType.INT64, ColumnType.FLOAT32,
                ColumnType.FLOAT64, ColumnType.decimal(12, 3), ColumnType.decimal(ColumnType.UNBOUNDED, ColumnType.UNBOUNDED),
                ColumnType.STRING, ColumnType.BYTES, ColumnType.DATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ,
                ColumnType.JSON, ColumnType.UUID).stream().map(dialect::columnType))
                .containsExactly("boolean", "smallint", "smallint", "integer", "bigint", "real", "double precision", "numeric(12,3)",
                        "numeric", "text", "bytea", "date", "time", "timestamp", "timestamptz", "jsonb", "uuid");
    }
}
