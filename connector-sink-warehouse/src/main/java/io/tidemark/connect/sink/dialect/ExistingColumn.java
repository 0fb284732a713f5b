package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.ColumnType;

/**
 * A column of a table that already exists in the warehouse.
 *
 * @param name         its name, exactly as stored
 * @param databaseType the database's own type name, for messages
 * @param type         the neutral type it holds, or null for a type we have no mapping for (user-defined
 *                     types, arrays): values are then handed to the database as they are, and it decides
 */
public record ExistingColumn(String name, String databaseType, ColumnType type) {
}
