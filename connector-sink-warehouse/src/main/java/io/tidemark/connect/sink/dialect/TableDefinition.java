package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;

import java.util.List;

/**
 * A table the sink creates.
 *
 * @param table   its name
 * @param keys    primary-key columns (NOT NULL); empty for append tables without a key
 * @param columns every other column, data first, then the sink's metadata columns; all nullable, because
 *                unchanged columns and soft-deleted rows may lack values
 */
public record TableDefinition(TableId table, List<Column> keys, List<Column> columns) {
}
