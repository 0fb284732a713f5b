package io.tidemark.connect.source.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.relational.Column;
import io.debezium.relational.Key;
import io.debezium.relational.Table;
import io.debezium.relational.TableEditor;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;
import io.debezium.schema.SchemaNameAdjuster;

/**
 * The tables the connector captures, as Debezium will select them: the catalog read here, the
 * choice made by Debezium's own table filter and key mapper, so the checks below agree with what
 * the task will stream.
 */
public final class CapturedTables {

    /** A captured table and what the checks need to know about it. */
    public record CapturedTable(String schema, String table, boolean hasPrimaryKey, char replicaIdentity,
            List<String> columns, boolean ownedByUser, boolean selectable) {

        /** schema.table as users write it in the table lists. */
        public String qualifiedName() {
            return schema + "." + table;
        }

        TableId tableId() {
            return new TableId(null, schema, table);
        }
    }

    private static final String CATALOG_QUERY = "SELECT n.nspname, c.relname, c.relreplident, "
            + "EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p'), "
            + "ARRAY(SELECT a.attname FROM pg_catalog.pg_attribute a "
            + "      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
            + "pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE'), "
            + "pg_catalog.has_table_privilege(c.oid, 'SELECT') "
            + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
            + "AND n.nspname NOT LIKE 'pg\\_temp%' "
            + "ORDER BY 1, 2";

    private final PostgresConnectorConfig debeziumConfig;
    private final Tables.TableFilter filter;

    public CapturedTables(Map<String, String> debeziumProperties) {
        debeziumConfig = new PostgresConnectorConfig(Configuration.from(debeziumProperties));
        filter = debeziumConfig.getTableFilters().dataCollectionFilter();
    }

    /** Every table of the database (outside system schemas), captured or not. */
    public static List<CapturedTable> allTables(Connection connection) throws SQLException {
        List<CapturedTable> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(CATALOG_QUERY)) {
            while (rs.next()) {
                Array columns = rs.getArray(5);
                tables.add(new CapturedTable(rs.getString(1), rs.getString(2), rs.getBoolean(4),
                        rs.getString(3).charAt(0), List.of((String[]) columns.getArray()), rs.getBoolean(6),
                        rs.getBoolean(7)));
            }
        }
        return tables;
    }

    /** The tables Debezium will capture (the signal table included), read from the database. */
    public List<CapturedTable> read(Connection connection) throws SQLException {
        return select(allTables(connection));
    }

    /** Of the given tables, those Debezium's filter captures. */
    public List<CapturedTable> select(List<CapturedTable> tables) {
        return tables.stream().filter(table -> filter.isIncluded(table.tableId())).toList();
    }

    /**
     * Why the connector must refuse tables: one message per table that would stream keyless
     * changes, or whose updates PostgreSQL itself would reject once the table is published.
     */
    public List<String> keyProblems(List<CapturedTable> captured) {
        Key.KeyMapper keyMapper = debeziumConfig.getKeyMapper();
        List<String> problems = new ArrayList<>();
        for (CapturedTable table : captured) {
            if (table.hasPrimaryKey()) {
                continue;
            }
            boolean keyed = keyMapper != null && !keyMapper.getKeyKolumns(asDebeziumTable(table)).isEmpty();
            if (!keyed) {
                problems.add("Table " + table.qualifiedName() + " has no primary key and no entry in "
                        + "message.key.columns: add a primary key, or list its key columns as "
                        + table.qualifiedName() + ":<column>[,<column>...] in message.key.columns.");
            } else if (table.replicaIdentity() == 'd' || table.replicaIdentity() == 'n') {
                problems.add("Table " + table.qualifiedName() + " has no primary key and no replica identity, so "
                        + "PostgreSQL would reject its UPDATEs and DELETEs once it is in the publication: run "
                        + "ALTER TABLE " + table.qualifiedName() + " REPLICA IDENTITY FULL.");
            }
        }
        return problems;
    }

    /**
     * Why the connector must refuse tables: one message per pair of captured columns of a table whose
     * names become the same field name (every field name is made a legal Avro name, so "a-b" and "a_b" are
     * both a_b), which Debezium would only report when it meets the table, without naming it.
     */
    public List<String> columnNameProblems(List<CapturedTable> captured) {
        Tables.ColumnNameFilter columnFilter = debeziumConfig.getColumnFilter();
        List<String> problems = new ArrayList<>();
        for (CapturedTable table : captured) {
            Map<String, String> byFieldName = new HashMap<>();
            for (String column : table.columns()) {
                if (columnFilter != null && !columnFilter.matches(null, table.schema(), table.table(), column)) {
                    continue;
                }
                String fieldName = SchemaNameAdjuster.AVRO_FIELD_NAMER.adjust(column);
                String other = byFieldName.putIfAbsent(fieldName, column);
                if (other != null) {
                    problems.add("Table " + table.qualifiedName() + " has the columns \"" + other + "\" and \""
                            + column + "\", which both become the field name " + fieldName + " (field names "
                            + "may only hold letters, digits and '_'): rename one of them, or leave one out with "
                            + "debezium.column.exclude.list=" + table.qualifiedName() + "." + column + ".");
                }
            }
        }
        return problems;
    }

    private static Table asDebeziumTable(CapturedTable table) {
        TableEditor editor = Table.editor().tableId(table.tableId());
        int position = 1;
        for (String column : table.columns()) {
            editor.addColumn(Column.editor().name(column).type("unknown").position(position++).create());
        }
        return editor.create();
    }
}
