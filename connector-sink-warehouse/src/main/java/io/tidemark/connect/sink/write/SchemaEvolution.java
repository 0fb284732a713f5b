package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.TableDefinition;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a table needs before a batch can be written: created (auto.create), new columns added
 * (auto.evolve; additive changes only), and the types each staging column gets. Incompatible changes
 * are refused with a message naming the column and both types.
 *
 * @param ddl          CREATE/ALTER statements to run first (empty when the table fits)
 * @param stagingTypes the type of each key and data column in the staging table: the record's type, or
 *                     for schemaless fields the existing column's type
 */
record SchemaEvolution(List<String> ddl, Map<String, ColumnType> stagingTypes) {

    /** What the writer may do to tables. */
    record Permissions(boolean autoCreate, boolean autoEvolve) {
    }

    static SchemaEvolution plan(Dialect dialect, FlushStatements sql, TableId table, List<ExistingColumn> existing, BatchColumns batch,
                                List<Column> metadata, boolean keysArePrimary, Permissions permissions) {
        Map<String, ColumnType> stagingTypes = new LinkedHashMap<>();
        if (existing.isEmpty()) {
            return create(sql, table, batch, metadata, keysArePrimary, permissions, stagingTypes);
        }
        Map<String, ExistingColumn> byName = new LinkedHashMap<>();
        existing.forEach(column -> byName.put(column.name(), column));
        List<String> ddl = new ArrayList<>();
        for (Column key : batch.keys()) {
            ExistingColumn column = byName.get(key.name());
            if (column == null) {
                throw new SchemaMismatchException("Table " + table + " has no column " + key.name() + " for the record key; the key of"
                        + " an existing table cannot be added by the sink.");
            }
            stagingTypes.put(key.name(), stagingType(dialect, table, column, key));
        }
        List<Column> wanted = new ArrayList<>(batch.data());
        wanted.addAll(metadata);
        for (Column column : wanted) {
            ExistingColumn present = byName.get(column.name());
            if (present != null) {
                stagingTypes.put(column.name(), stagingType(dialect, table, present, column));
                continue;
            }
            if (column.type().kind() == ColumnType.Kind.SCHEMALESS) {
                throw new SchemaMismatchException("Table " + table + " has no column " + column.name() + ", and schemaless records"
                        + " cannot add one (their fields have no type). Add the column, or send records with schemas.");
            }
            if (!permissions.autoEvolve()) {
                throw new SchemaMismatchException("Table " + table + " has no column " + column.name() + " ("
                        + dialect.columnType(column.type()) + "). Set auto.evolve=true, or add the column.");
            }
            ddl.add(sql.addColumn(table, column));
            stagingTypes.put(column.name(), column.type());
        }
        return new SchemaEvolution(ddl, stagingTypes);
    }

    private static SchemaEvolution create(FlushStatements sql, TableId table, BatchColumns batch, List<Column> metadata,
                                          boolean keysArePrimary, Permissions permissions, Map<String, ColumnType> stagingTypes) {
        if (!permissions.autoCreate()) {
            throw new SchemaMismatchException("Table " + table + " does not exist. Set auto.create=true, or create it.");
        }
        List<Column> columns = new ArrayList<>();
        for (Column column : batch.keys()) {
            stagingTypes.put(column.name(), column.type());
        }
        for (Column column : batch.data()) {
            if (column.type().kind() == ColumnType.Kind.SCHEMALESS) {
                throw new SchemaMismatchException("Table " + table + " does not exist, and schemaless records cannot create it"
                        + " (their fields have no type). Create the table, or send records with schemas.");
            }
            stagingTypes.put(column.name(), column.type());
            columns.add(column);
        }
        columns.addAll(metadata);
        List<Column> keys = keysArePrimary ? batch.keys() : List.of();
        if (!keysArePrimary) {
            columns.addAll(0, batch.keys());
        }
        if (keys.stream().anyMatch(key -> key.type().kind() == ColumnType.Kind.SCHEMALESS)) {
            throw new SchemaMismatchException("Table " + table + " does not exist, and schemaless keys cannot create it"
                    + " (they have no type). Create the table, or send keys with schemas.");
        }
        return new SchemaEvolution(List.of(sql.createTable(new TableDefinition(table, keys, columns))), stagingTypes);
    }

    /**
     * The existing column must hold the incoming type: by the neutral types' widening rules, or because
     * it is exactly the column this dialect creates for that type (DuckDB keeps wide decimals as VARCHAR).
     */
    private static ColumnType stagingType(Dialect dialect, TableId table, ExistingColumn existing, Column incoming) {
        if (incoming.type().kind() == ColumnType.Kind.SCHEMALESS) {
            return existing.type() == null ? ColumnType.STRING : existing.type();
        }
        boolean compatible = existing.type() == null || existing.type().canStore(incoming.type())
                || dialect.columnType(incoming.type()).toLowerCase(Locale.ROOT).equals(existing.databaseType().toLowerCase(Locale.ROOT))
                || dialect.takes(existing, incoming.type());
        if (!compatible) {
            throw new SchemaMismatchException("Column " + incoming.name() + " of table " + table + " is " + existing.databaseType()
                    + ", but records now carry " + incoming.type() + " (" + dialect.columnType(incoming.type()) + ")."
                    + " Only additive changes are applied; change the column or route the records to a new table.");
        }
        // A plain text column (created before the source marked the type, or by hand) takes the text as it is.
        if (existing.type() != null && existing.type().equals(ColumnType.STRING) && incoming.type().kind() == ColumnType.Kind.STRING) {
            return ColumnType.STRING;
        }
        return incoming.type();
    }
}
