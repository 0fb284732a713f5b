package io.tidemark.connect.sink.dialect.snowflake;

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

/**
 * The exact SQL Snowflake receives, readable for review against Snowflake's SQL reference. fakesnow
 * accepts more than Snowflake does, so these strings, not the component tests, guard Snowflake syntax.
 */
class SnowflakeStatementsTest {

    static final TableId TARGET = new TableId("ANALYTICS", "CUSTOMERS");
    static final TableId STAGING = new TableId(null, "__tm_stage");
    static final MetadataColumns META = MetadataColumns.spelled(IdentifierCase.UPPER);
    static final List<Column> KEYS = List.of(new Column("ID", ColumnType.INT64));
    static final List<Column> DATA = List.of(new Column("NAME", ColumnType.STRING), new Column("EMAIL", ColumnType.STRING));

    private final FlushStatements sql = new SnowflakeDialect().statements();

    static StagingTable merge(List<Column> data, Map<String, String> keepFlags, DeleteMode deleteMode) {
        return StagingTable.forMerge(TARGET, STAGING, KEYS, data, keepFlags, META, deleteMode);
    }

    /** Column to value-version column, in the order given (the statement lists them in this order). */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void createsTheTableWithTheKeyAsPrimaryKey() {
        assertThat(sql.createTable(new TableDefinition(TARGET, KEYS, List.of(new Column("NAME", ColumnType.STRING),
                new Column("AMOUNT", ColumnType.decimal(10, 2)), new Column("DOC", ColumnType.JSON), new Column("__VERSION", ColumnType.INT64)))))
                .isEqualTo("CREATE TABLE IF NOT EXISTS \"ANALYTICS\".\"CUSTOMERS\" (\"ID\" NUMBER(19,0) NOT NULL, \"NAME\" VARCHAR,"
                        + " \"AMOUNT\" NUMBER(10,2), \"DOC\" VARIANT, \"__VERSION\" NUMBER(19,0), PRIMARY KEY (\"ID\"))");
    }

    @Test
    void addsAColumnOnlyIfNoOtherWriterDidFirst() {
        assertThat(sql.addColumn(TARGET, new Column("TIER", ColumnType.STRING)))
                .isEqualTo("ALTER TABLE \"ANALYTICS\".\"CUSTOMERS\" ADD COLUMN IF NOT EXISTS \"TIER\" VARCHAR");
    }

    @Test
    void quotesNamesSoNoNameCanBeReadAsSql() {
        assertThat(sql.addColumn(new TableId(null, "t\"; DROP TABLE x; --"), new Column("a\"b", ColumnType.INT32)))
                .isEqualTo("ALTER TABLE \"t\"\"; DROP TABLE x; --\" ADD COLUMN IF NOT EXISTS \"a\"\"b\" NUMBER(10,0)");
    }

    @Test
    void stagesIntoATemporaryTableReplacedAtEachFlushWithJsonAndBinaryAsText() {
        StagingTable staging = merge(List.of(new Column("DOC", ColumnType.JSON), new Column("PHOTO", ColumnType.BYTES),
                new Column("BORN", ColumnType.TIMESTAMPTZ)), Map.of("DOC", "__tm_from_0"), DeleteMode.HARD);

        assertThat(sql.createStaging(staging)).containsExactly("CREATE OR REPLACE TEMPORARY TABLE \"__tm_stage\" (\"ID\" NUMBER(19,0),"
                + " \"DOC\" VARCHAR, \"PHOTO\" VARCHAR, \"BORN\" TIMESTAMP_TZ, \"__VERSION\" NUMBER(19,0), \"__SOURCE_TS_MS\" NUMBER(19,0),"
                + " \"__DELETED\" BOOLEAN, \"__REVIVES\" BOOLEAN, \"__UNKNOWN_SINCE_PARTITION\" VARCHAR,"
                + " \"__UNKNOWN_SINCE_OFFSET\" NUMBER(19,0), \"__tm_from_0\" NUMBER(19,0))");
        assertThat(sql.prepareStaging(staging)).isEmpty();
        assertThat(sql.dropStaging(staging)).as("replaced by the next flush's CREATE OR REPLACE").isEmpty();
    }

    @Test
    void mergesFromASubqueryJoiningTheStoredRowsThatComputesEveryValueTheMergeSets() {
        StagingTable staging = merge(DATA, Map.of(), DeleteMode.HARD);

        assertThat(sql.mergeReportsActions(staging)).isTrue();
        assertThat(sql.merge(staging).get(0)).isEqualTo("""
                MERGE INTO "ANALYTICS"."CUSTOMERS" AS t
                USING (SELECT st."ID" AS "ID", st."NAME" AS "NAME", st."EMAIL" AS "EMAIL", st."__VERSION" AS "__VERSION", \
                st."__SOURCE_TS_MS" AS "__SOURCE_TS_MS", st."__DELETED" AS "__DELETED", st."__REVIVES" AS "__REVIVES", \
                st."__UNKNOWN_SINCE_PARTITION" AS "__UNKNOWN_SINCE_PARTITION", st."__UNKNOWN_SINCE_OFFSET" AS \
                "__UNKNOWN_SINCE_OFFSET", CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" \
                AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN st."NAME" \
                ELSE cur."NAME" END AS "__tm_set_0", CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN st."EMAIL" ELSE cur."EMAIL" END AS "__tm_set_1", CASE WHEN \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN COALESCE(st."__VERSION", cur."__VERSION") ELSE \
                cur."__VERSION" END AS "__tm_set_2", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN \
                COALESCE(st."__SOURCE_TS_MS", cur."__SOURCE_TS_MS") ELSE cur."__SOURCE_TS_MS" END AS "__tm_set_3", CASE WHEN \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND (st."__REVIVES") THEN NULL ELSE \
                CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || \
                cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"NAME",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"NAME",' END), ',"EMAIL",', CASE WHEN (COALESCE(st."__VERSION" \
                >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), 2), '') END END \
                AS "__tm_set_4", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND \
                (st."__REVIVES") THEN NULL WHEN CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(',' || cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN (COALESCE(st."__VERSION" \
                >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"NAME",' END), ',"EMAIL",', CASE \
                WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND \
                (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE \
                ',"EMAIL",' END), 2), '') END IS NULL THEN NULL ELSE cur."__UNKNOWN_SINCE_PARTITION" END AS "__tm_set_5", \
                CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND (st."__REVIVES") THEN \
                NULL WHEN CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || \
                cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"NAME",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"NAME",' END), ',"EMAIL",', CASE WHEN (COALESCE(st."__VERSION" \
                >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), 2), '') END IS \
                NULL THEN NULL ELSE cur."__UNKNOWN_SINCE_OFFSET" END AS "__tm_set_6", NULL AS "__tm_set_7", NULL AS \
                "__tm_set_8", NULL AS "__tm_set_9"
                  FROM "__tm_stage" AS st LEFT JOIN "ANALYTICS"."CUSTOMERS" AS cur ON cur."ID" = st."ID") AS s
                ON t."ID" = s."ID"
                WHEN MATCHED AND s."__DELETED" AND COALESCE(s."__VERSION" >= t."__VERSION", TRUE) THEN DELETE
                WHEN MATCHED AND (COALESCE(s."__VERSION" >= t."__VERSION", TRUE) OR (t."__UNKNOWN_COLUMNS" IS NOT NULL AND \
                NOT s."__DELETED" AND (s."__UNKNOWN_SINCE_PARTITION" = t."__UNKNOWN_SINCE_PARTITION" AND \
                s."__UNKNOWN_SINCE_OFFSET" > t."__UNKNOWN_SINCE_OFFSET"))) THEN UPDATE SET "NAME" = s."__tm_set_0", "EMAIL" = \
                s."__tm_set_1", "__VERSION" = s."__tm_set_2", "__SOURCE_TS_MS" = s."__tm_set_3", "__UNKNOWN_COLUMNS" = \
                s."__tm_set_4", "__UNKNOWN_SINCE_PARTITION" = s."__tm_set_5", "__UNKNOWN_SINCE_OFFSET" = s."__tm_set_6"
                WHEN NOT MATCHED AND NOT s."__DELETED" THEN INSERT ("ID", "NAME", "EMAIL", "__VERSION", "__SOURCE_TS_MS", \
                "__UNKNOWN_COLUMNS", "__UNKNOWN_SINCE_PARTITION", "__UNKNOWN_SINCE_OFFSET")
                  VALUES (s."ID", s."NAME", s."EMAIL", s."__VERSION", s."__SOURCE_TS_MS", s."__tm_set_7", s."__tm_set_8", \
                s."__tm_set_9")""");
    }

    @Test
    void keptColumnsTakeTheStoredValueUnlessTheirValueVersionPassesAndJsonAndBinaryAreConvertedInTheSource() {
        StagingTable staging = merge(List.of(new Column("EMAIL", ColumnType.STRING), new Column("DOC", ColumnType.JSON),
                new Column("PHOTO", ColumnType.BYTES)), ordered("EMAIL", "__tm_from_0", "DOC", "__tm_from_1"), DeleteMode.HARD);

        assertThat(sql.merge(staging).get(0)).isEqualTo("""
                MERGE INTO "ANALYTICS"."CUSTOMERS" AS t
                USING (SELECT st."ID" AS "ID", st."EMAIL" AS "EMAIL", PARSE_JSON(st."DOC") AS "DOC", TO_BINARY(st."PHOTO", \
                'HEX') AS "PHOTO", st."__VERSION" AS "__VERSION", st."__SOURCE_TS_MS" AS "__SOURCE_TS_MS", st."__DELETED" AS \
                "__DELETED", st."__REVIVES" AS "__REVIVES", st."__UNKNOWN_SINCE_PARTITION" AS "__UNKNOWN_SINCE_PARTITION", \
                st."__UNKNOWN_SINCE_OFFSET" AS "__UNKNOWN_SINCE_OFFSET", st."__tm_from_0" AS "__tm_from_0", st."__tm_from_1" \
                AS "__tm_from_1", CASE WHEN (st."__tm_from_0" >= COALESCE(cur."__VERSION", st."__tm_from_0") OR \
                (st."__tm_from_0" IS NOT NULL AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) OR COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" \
                AND (st."__REVIVES") THEN st."EMAIL" ELSE cur."EMAIL" END AS "__tm_set_0", CASE WHEN (st."__tm_from_1" >= \
                COALESCE(cur."__VERSION", st."__tm_from_1") OR (st."__tm_from_1" IS NOT NULL AND \
                (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"DOC",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) OR \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND (st."__REVIVES") THEN \
                PARSE_JSON(st."DOC") ELSE cur."DOC" END AS "__tm_set_1", CASE WHEN (COALESCE(st."__VERSION" >= \
                cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"PHOTO",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN TO_BINARY(st."PHOTO", 'HEX') ELSE \
                cur."PHOTO" END AS "__tm_set_2", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN \
                COALESCE(st."__VERSION", cur."__VERSION") ELSE cur."__VERSION" END AS "__tm_set_3", CASE WHEN \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN COALESCE(st."__SOURCE_TS_MS", cur."__SOURCE_TS_MS") \
                ELSE cur."__SOURCE_TS_MS" END AS "__tm_set_4", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) \
                AND NOT st."__DELETED" AND (st."__REVIVES") THEN CASE WHEN st."__DELETED" THEN NULL ELSE NULLIF(CASE WHEN \
                st."__tm_from_0" IS NOT NULL THEN '' ELSE '"EMAIL",' END || CASE WHEN st."__tm_from_1" IS NOT NULL THEN '' \
                ELSE '"DOC",' END, '') END ELSE CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(REPLACE(',' || cur."__UNKNOWN_COLUMNS", ',"EMAIL",', CASE WHEN \
                (st."__tm_from_0" >= COALESCE(cur."__VERSION", st."__tm_from_0") OR (st."__tm_from_0" IS NOT NULL AND \
                (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE \
                ',"EMAIL",' END), ',"DOC",', CASE WHEN (st."__tm_from_1" >= COALESCE(cur."__VERSION", st."__tm_from_1") OR \
                (st."__tm_from_1" IS NOT NULL AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"DOC",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"DOC",' END), ',"PHOTO",', CASE WHEN (COALESCE(st."__VERSION" \
                >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"PHOTO",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"PHOTO",' END), 2), '') END END \
                AS "__tm_set_5", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND \
                (st."__REVIVES") THEN CASE WHEN NOT st."__DELETED" AND (st."__tm_from_0" IS NULL OR st."__tm_from_1" IS NULL) \
                THEN st."__UNKNOWN_SINCE_PARTITION" END WHEN CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN \
                NULLIF(SUBSTR(REPLACE(REPLACE(REPLACE(',' || cur."__UNKNOWN_COLUMNS", ',"EMAIL",', CASE WHEN \
                (st."__tm_from_0" >= COALESCE(cur."__VERSION", st."__tm_from_0") OR (st."__tm_from_0" IS NOT NULL AND \
                (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE \
                ',"EMAIL",' END), ',"DOC",', CASE WHEN (st."__tm_from_1" >= COALESCE(cur."__VERSION", st."__tm_from_1") OR \
                (st."__tm_from_1" IS NOT NULL AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"DOC",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"DOC",' END), ',"PHOTO",', CASE WHEN (COALESCE(st."__VERSION" \
                >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"PHOTO",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"PHOTO",' END), 2), '') END IS \
                NULL THEN NULL ELSE cur."__UNKNOWN_SINCE_PARTITION" END AS "__tm_set_6", CASE WHEN COALESCE(st."__VERSION" >= \
                cur."__VERSION", TRUE) AND NOT st."__DELETED" AND (st."__REVIVES") THEN CASE WHEN NOT st."__DELETED" AND \
                (st."__tm_from_0" IS NULL OR st."__tm_from_1" IS NULL) THEN st."__UNKNOWN_SINCE_OFFSET" END WHEN CASE WHEN \
                cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(REPLACE(',' || \
                cur."__UNKNOWN_COLUMNS", ',"EMAIL",', CASE WHEN (st."__tm_from_0" >= COALESCE(cur."__VERSION", \
                st."__tm_from_0") OR (st."__tm_from_0" IS NOT NULL AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), ',"DOC",', CASE \
                WHEN (st."__tm_from_1" >= COALESCE(cur."__VERSION", st."__tm_from_1") OR (st."__tm_from_1" IS NOT NULL AND \
                (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > \
                cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"DOC",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE \
                ',"DOC",' END), ',"PHOTO",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"PHOTO",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"PHOTO",' END), 2), '') END IS NULL THEN NULL ELSE \
                cur."__UNKNOWN_SINCE_OFFSET" END AS "__tm_set_7", CASE WHEN st."__DELETED" THEN NULL ELSE NULLIF(CASE WHEN \
                st."__tm_from_0" IS NOT NULL THEN '' ELSE '"EMAIL",' END || CASE WHEN st."__tm_from_1" IS NOT NULL THEN '' \
                ELSE '"DOC",' END, '') END AS "__tm_set_8", CASE WHEN NOT st."__DELETED" AND (st."__tm_from_0" IS NULL OR \
                st."__tm_from_1" IS NULL) THEN st."__UNKNOWN_SINCE_PARTITION" END AS "__tm_set_9", CASE WHEN NOT \
                st."__DELETED" AND (st."__tm_from_0" IS NULL OR st."__tm_from_1" IS NULL) THEN st."__UNKNOWN_SINCE_OFFSET" \
                END AS "__tm_set_10"
                  FROM "__tm_stage" AS st LEFT JOIN "ANALYTICS"."CUSTOMERS" AS cur ON cur."ID" = st."ID") AS s
                ON t."ID" = s."ID"
                WHEN MATCHED AND s."__DELETED" AND COALESCE(s."__VERSION" >= t."__VERSION", TRUE) THEN DELETE
                WHEN MATCHED AND (COALESCE(s."__VERSION" >= t."__VERSION", TRUE) OR (t."__UNKNOWN_COLUMNS" IS NOT NULL AND \
                NOT s."__DELETED" AND (s."__UNKNOWN_SINCE_PARTITION" = t."__UNKNOWN_SINCE_PARTITION" AND \
                s."__UNKNOWN_SINCE_OFFSET" > t."__UNKNOWN_SINCE_OFFSET"))) THEN UPDATE SET "EMAIL" = s."__tm_set_0", "DOC" = \
                s."__tm_set_1", "PHOTO" = s."__tm_set_2", "__VERSION" = s."__tm_set_3", "__SOURCE_TS_MS" = s."__tm_set_4", \
                "__UNKNOWN_COLUMNS" = s."__tm_set_5", "__UNKNOWN_SINCE_PARTITION" = s."__tm_set_6", "__UNKNOWN_SINCE_OFFSET" \
                = s."__tm_set_7"
                WHEN NOT MATCHED AND NOT s."__DELETED" THEN INSERT ("ID", "EMAIL", "DOC", "PHOTO", "__VERSION", \
                "__SOURCE_TS_MS", "__UNKNOWN_COLUMNS", "__UNKNOWN_SINCE_PARTITION", "__UNKNOWN_SINCE_OFFSET")
                  VALUES (s."ID", s."EMAIL", s."DOC", s."PHOTO", s."__VERSION", s."__SOURCE_TS_MS", s."__tm_set_8", \
                s."__tm_set_9", s."__tm_set_10")""");
    }

    @Test
    void softDeletesMarkRowsAndAreCountedByTheStandardQueryBecauseTheMergeCountsThemAsUpdates() {
        StagingTable staging = merge(DATA, Map.of(), DeleteMode.SOFT);

        assertThat(sql.mergeReportsActions(staging)).isFalse();
        assertThat(sql.merge(staging).get(0)).isEqualTo("""
                MERGE INTO "ANALYTICS"."CUSTOMERS" AS t
                USING (SELECT st."ID" AS "ID", st."NAME" AS "NAME", st."EMAIL" AS "EMAIL", st."__VERSION" AS "__VERSION", \
                st."__SOURCE_TS_MS" AS "__SOURCE_TS_MS", st."__DELETED" AS "__DELETED", st."__REVIVES" AS "__REVIVES", \
                st."__UNKNOWN_SINCE_PARTITION" AS "__UNKNOWN_SINCE_PARTITION", st."__UNKNOWN_SINCE_OFFSET" AS \
                "__UNKNOWN_SINCE_OFFSET", CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" \
                AND NOT COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN st."NAME" ELSE cur."NAME" END AS \
                "__tm_set_0", CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND NOT \
                COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN st."EMAIL" ELSE cur."EMAIL" END AS "__tm_set_1", CASE WHEN \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN COALESCE(st."__VERSION", cur."__VERSION") ELSE \
                cur."__VERSION" END AS "__tm_set_2", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN \
                COALESCE(st."__SOURCE_TS_MS", cur."__SOURCE_TS_MS") ELSE cur."__SOURCE_TS_MS" END AS "__tm_set_3", CASE WHEN \
                COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) THEN st."__DELETED" ELSE cur."__DELETED" END AS \
                "__tm_set_4", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND \
                (st."__REVIVES" OR COALESCE(cur."__DELETED", FALSE)) THEN NULL ELSE CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT \
                NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN \
                (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND NOT COALESCE(cur."__DELETED", \
                FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" \
                > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' \
                ELSE ',"NAME",' END), ',"EMAIL",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND NOT COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), 2), '') END END \
                AS "__tm_set_5", CASE WHEN COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) AND NOT st."__DELETED" AND \
                (st."__REVIVES" OR COALESCE(cur."__DELETED", FALSE)) THEN NULL WHEN CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT \
                NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN \
                (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND NOT COALESCE(cur."__DELETED", \
                FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" \
                > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' \
                ELSE ',"NAME",' END), ',"EMAIL",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND NOT COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"EMAIL",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), 2), '') END IS \
                NULL THEN NULL ELSE cur."__UNKNOWN_SINCE_PARTITION" END AS "__tm_set_6", CASE WHEN COALESCE(st."__VERSION" >= \
                cur."__VERSION", TRUE) AND NOT st."__DELETED" AND (st."__REVIVES" OR COALESCE(cur."__DELETED", FALSE)) THEN \
                NULL WHEN CASE WHEN cur."__UNKNOWN_COLUMNS" IS NOT NULL THEN NULLIF(SUBSTR(REPLACE(REPLACE(',' || \
                cur."__UNKNOWN_COLUMNS", ',"NAME",', CASE WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT \
                st."__DELETED" AND NOT COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = \
                cur."__UNKNOWN_SINCE_PARTITION" AND st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND \
                POSITION(',"NAME",' IN ',' || cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"NAME",' END), ',"EMAIL",', CASE \
                WHEN (COALESCE(st."__VERSION" >= cur."__VERSION", TRUE) OR (NOT st."__DELETED" AND NOT \
                COALESCE(cur."__DELETED", FALSE) AND (st."__UNKNOWN_SINCE_PARTITION" = cur."__UNKNOWN_SINCE_PARTITION" AND \
                st."__UNKNOWN_SINCE_OFFSET" > cur."__UNKNOWN_SINCE_OFFSET") AND POSITION(',"EMAIL",' IN ',' || \
                cur."__UNKNOWN_COLUMNS") > 0)) THEN ',' ELSE ',"EMAIL",' END), 2), '') END IS NULL THEN NULL ELSE \
                cur."__UNKNOWN_SINCE_OFFSET" END AS "__tm_set_7", NULL AS "__tm_set_8", NULL AS "__tm_set_9", NULL AS \
                "__tm_set_10"
                  FROM "__tm_stage" AS st LEFT JOIN "ANALYTICS"."CUSTOMERS" AS cur ON cur."ID" = st."ID") AS s
                ON t."ID" = s."ID"
                WHEN MATCHED AND (COALESCE(s."__VERSION" >= t."__VERSION", TRUE) OR (t."__UNKNOWN_COLUMNS" IS NOT NULL AND \
                NOT s."__DELETED" AND NOT COALESCE(t."__DELETED", FALSE) AND (s."__UNKNOWN_SINCE_PARTITION" = \
                t."__UNKNOWN_SINCE_PARTITION" AND s."__UNKNOWN_SINCE_OFFSET" > t."__UNKNOWN_SINCE_OFFSET"))) THEN UPDATE SET \
                "NAME" = s."__tm_set_0", "EMAIL" = s."__tm_set_1", "__VERSION" = s."__tm_set_2", "__SOURCE_TS_MS" = \
                s."__tm_set_3", "__DELETED" = s."__tm_set_4", "__UNKNOWN_COLUMNS" = s."__tm_set_5", \
                "__UNKNOWN_SINCE_PARTITION" = s."__tm_set_6", "__UNKNOWN_SINCE_OFFSET" = s."__tm_set_7"
                WHEN NOT MATCHED THEN INSERT ("ID", "NAME", "EMAIL", "__VERSION", "__SOURCE_TS_MS", "__DELETED", \
                "__UNKNOWN_COLUMNS", "__UNKNOWN_SINCE_PARTITION", "__UNKNOWN_SINCE_OFFSET")
                  VALUES (s."ID", s."NAME", s."EMAIL", s."__VERSION", s."__SOURCE_TS_MS", s."__DELETED", s."__tm_set_8", \
                s."__tm_set_9", s."__tm_set_10")""");
        assertThat(sql.countMergeActions(staging)).isEqualTo("""
                SELECT COUNT(CASE WHEN t."ID" IS NULL AND NOT s."__DELETED" THEN 1 END),
                  COUNT(CASE WHEN t."ID" IS NOT NULL AND NOT s."__DELETED" AND COALESCE(s."__VERSION" >= t."__VERSION", TRUE) THEN 1 END),
                  COUNT(CASE WHEN s."__DELETED" AND (t."ID" IS NULL OR COALESCE(s."__VERSION" >= t."__VERSION", TRUE)) THEN 1 END)
                FROM "__tm_stage" AS s LEFT JOIN "ANALYTICS"."CUSTOMERS" AS t ON t."ID" = s."ID\"""");
    }

    @Test
    void appendsFromStagingWithConversionsAndKafkaCoordinates() {
        StagingTable append = StagingTable.forAppend(TARGET, STAGING, List.of(), List.of(new Column("NAME", ColumnType.STRING),
                new Column("DOC", ColumnType.JSON)), META);

        assertThat(sql.append(append)).isEqualTo("""
                INSERT INTO "ANALYTICS"."CUSTOMERS" ("NAME", "DOC", "__VERSION", "__SOURCE_TS_MS", "__OP", "__KAFKA_TOPIC", \
                "__KAFKA_PARTITION", "__KAFKA_OFFSET")
                SELECT "NAME", PARSE_JSON("DOC"), "__VERSION", "__SOURCE_TS_MS", "__OP", "__KAFKA_TOPIC", "__KAFKA_PARTITION", \
                "__KAFKA_OFFSET" FROM "__tm_stage\"""");
    }

    @Test
    void keepsAppendOffsetsInTheirOwnTableAndUpsertsThemWithAMerge() {
        OffsetTable offsets = OffsetTable.in("ANALYTICS", IdentifierCase.UPPER);

        assertThat(sql.createOffsetTable(offsets)).isEqualTo("CREATE TABLE IF NOT EXISTS \"ANALYTICS\".\"__TIDEMARK_OFFSETS\""
                + " (\"CONNECTOR\" VARCHAR NOT NULL, \"TOPIC\" VARCHAR NOT NULL, \"KAFKA_PARTITION\" NUMBER(10,0) NOT NULL,"
                + " \"NEXT_OFFSET\" NUMBER(19,0) NOT NULL, PRIMARY KEY (\"CONNECTOR\", \"TOPIC\", \"KAFKA_PARTITION\"))");
        assertThat(sql.readOffsets(offsets)).isEqualTo("SELECT \"TOPIC\", \"KAFKA_PARTITION\", \"NEXT_OFFSET\""
                + " FROM \"ANALYTICS\".\"__TIDEMARK_OFFSETS\" WHERE \"CONNECTOR\" = ?");
        assertThat(sql.writeOffset(offsets)).isEqualTo("""
                MERGE INTO "ANALYTICS"."__TIDEMARK_OFFSETS" AS t
                USING (SELECT ? AS "CONNECTOR", ? AS "TOPIC", ? AS "KAFKA_PARTITION", ? AS "NEXT_OFFSET") AS s
                ON t."CONNECTOR" = s."CONNECTOR" AND t."TOPIC" = s."TOPIC" AND t."KAFKA_PARTITION" = s."KAFKA_PARTITION"
                WHEN MATCHED THEN UPDATE SET "NEXT_OFFSET" = s."NEXT_OFFSET"
                WHEN NOT MATCHED THEN INSERT ("CONNECTOR", "TOPIC", "KAFKA_PARTITION", "NEXT_OFFSET") \
                VALUES (s."CONNECTOR", s."TOPIC", s."KAFKA_PARTITION", s."NEXT_OFFSET")""");
        assertThat(sql.deleteOffset(offsets)).isEqualTo("DELETE FROM \"ANALYTICS\".\"__TIDEMARK_OFFSETS\""
                + " WHERE \"CONNECTOR\" = ? AND \"TOPIC\" = ? AND \"KAFKA_PARTITION\" = ?");
    }

    @Test
    void namesEveryNeutralTypeAndReadsThemBack() {
        SnowflakeDialect dialect = new SnowflakeDialect();
        List<ColumnType> types = List.of(ColumnType.BOOLEAN, ColumnType.INT8, ColumnType.INT16, ColumnType.INT32, ColumnType.INT64,
                ColumnType.FLOAT32, ColumnType.FLOAT64, ColumnType.decimal(12, 3), ColumnType.decimal(ColumnType.UNBOUNDED, 4),
                ColumnType.decimal(ColumnType.UNBOUNDED, ColumnType.UNBOUNDED), ColumnType.decimal(40, 2), ColumnType.STRING,
                ColumnType.BYTES, ColumnType.DATE, ColumnType.TIME, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ, ColumnType.JSON,
                ColumnType.UUID);

        assertThat(types.stream().map(dialect::columnType)).containsExactly("BOOLEAN", "NUMBER(3,0)", "NUMBER(5,0)", "NUMBER(10,0)",
                "NUMBER(19,0)", "FLOAT", "FLOAT", "NUMBER(12,3)", "NUMBER(38,4)", "VARCHAR", "VARCHAR", "VARCHAR", "BINARY", "DATE", "TIME",
                "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "VARIANT", "VARCHAR");
        // information_schema.columns.data_type as Snowflake reports it.
        assertThat(SnowflakeTypes.read("NUMBER", 19, 0)).isEqualTo(ColumnType.decimal(19, 0));
        assertThat(ColumnType.decimal(19, 0).canStore(ColumnType.INT64)).as("a NUMBER(19,0) column takes int64 values").isTrue();
        assertThat(SnowflakeTypes.read("TEXT", -1, -1)).isEqualTo(ColumnType.STRING);
        assertThat(SnowflakeTypes.read("FLOAT", -1, -1)).isEqualTo(ColumnType.FLOAT64);
        assertThat(SnowflakeTypes.read("TIMESTAMP_NTZ", -1, -1)).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(SnowflakeTypes.read("TIMESTAMP_TZ", -1, -1)).isEqualTo(ColumnType.TIMESTAMPTZ);
        assertThat(SnowflakeTypes.read("VARIANT", -1, -1)).isEqualTo(ColumnType.JSON);
        assertThat(SnowflakeTypes.read("BINARY", -1, -1)).isEqualTo(ColumnType.BYTES);
        assertThat(SnowflakeTypes.read("TIMESTAMP_LTZ", -1, -1)).as("not a type the sink creates").isNull();
    }

    @Test
    void refusesNamesLongerThanSnowflakeKeeps() {
        SnowflakeDialect dialect = new SnowflakeDialect();
        dialect.identifiers().check("A".repeat(255), "column name");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dialect.identifiers().check("A".repeat(256), "column name"))
                .hasMessageContaining("256 bytes").hasMessageContaining("Snowflake keeps at most 255");
    }
}
