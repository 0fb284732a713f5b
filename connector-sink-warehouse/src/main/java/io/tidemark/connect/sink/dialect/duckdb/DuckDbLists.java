package io.tidemark.connect.sink.dialect.duckdb;

import java.sql.SQLException;
import java.util.Map;

import io.tidemark.connect.sink.dialect.PostgresArrayText;
import io.tidemark.connect.sink.table.ColumnType;

/**
 * PostgreSQL arrays as DuckDB lists. A PostgreSQL array column's text ({@code {1,NULL,3}}, from the source's
 * text form of {@code integer[]}) becomes a one-dimensional LIST of the element type DuckDB has
 * ({@code INTEGER[]}) for the element types whose text DuckDB reads as the same value; arrays of other
 * element types (dates, which DuckDB would read without their era; numerics, whose NaN its DECIMAL cannot
 * hold; geometric and network types it lacks) stay PostgreSQL's text in a VARCHAR.
 *
 * <p>The Appender cannot write a LIST from text, so the staging column is JSON: the array as a JSON array of
 * its elements' text, which the MERGE casts to the list type. A value the list cannot hold (two dimensions,
 * or lower bounds other than 1) is refused as bad data, naming the column, rather than flattened.
 */
final class DuckDbLists {

    private static final Map<String, String> ELEMENTS = Map.of("smallint", "SMALLINT", "integer", "INTEGER",
            "bigint", "BIGINT", "real", "FLOAT", "double precision", "DOUBLE", "boolean", "BOOLEAN", "text", "VARCHAR",
            "character varying", "VARCHAR", "name", "VARCHAR", "uuid", "UUID");
    private static final String ARRAY_SUFFIX = "[]";

    private DuckDbLists() {
    }

    /** Whether the column is a PostgreSQL array stored as a DuckDB list. */
    static boolean isList(ColumnType type) {
        return listName(type) != null;
    }

    /** The DuckDB list type ({@code INTEGER[]}), or null when the column is not stored as a list. */
    static String listName(ColumnType type) {
        String source = type.kind() == ColumnType.Kind.STRING ? type.sourceType() : null;
        if (source == null || !source.endsWith(ARRAY_SUFFIX)) {
            return null;
        }
        String element = ELEMENTS.get(source.substring(0, source.length() - ARRAY_SUFFIX.length()));
        return element == null ? null : element + ARRAY_SUFFIX;
    }

    /** The JSON array of a one-dimensional PostgreSQL array's elements' text, for a column of the given name. */
    static String json(String arrayText, String column, String listType) throws SQLException {
        PostgresArrayText array;
        try {
            array = PostgresArrayText.parse(arrayText);
        } catch (IllegalArgumentException e) {
            throw refused(column, listType, "this text (" + e.getMessage() + ")");
        }
        if (array.lowerBounds() != null) {
            throw refused(column, listType, "an array with lower bounds other than 1 (" + array.lowerBounds() + ")");
        }
        if (array.dimensions() > 1) {
            throw refused(column, listType, "an array of more than one dimension");
        }
        return array.json(false);
    }

    private static SQLException refused(String column, String listType, String what) {
        // Worded as a data error ("out of range"), so the row alone goes to the dead-letter queue.
        return new SQLException("The value is out of range for DuckDB column " + column + " of type " + listType
                + ", a list, which cannot hold " + what, "22003");
    }
}
