package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.TableId;

import java.nio.charset.StandardCharsets;

/**
 * How one database quotes names and which names it can hold. Every table and column name in our SQL
 * goes through {@link #quote(String)}, so a name from a record can never be read as SQL.
 */
public final class Identifiers {

    private final String databaseName;
    private final int maxBytes;
    private final boolean backslashEscapes;

    /**
     * @param databaseName the database's name for messages ("PostgreSQL")
     * @param maxBytes     longest name in UTF-8 bytes the database keeps without truncating it
     */
    public Identifiers(String databaseName, int maxBytes) {
        this(databaseName, maxBytes, false);
    }

    /**
     * @param backslashEscapes whether a backslash in a string literal starts an escape sequence (Snowflake); in
     *                         standard SQL (PostgreSQL with standard_conforming_strings, DuckDB) it does not
     */
    public Identifiers(String databaseName, int maxBytes, boolean backslashEscapes) {
        this.databaseName = databaseName;
        this.maxBytes = maxBytes;
        this.backslashEscapes = backslashEscapes;
    }

    /** The name between double quotes, inner double quotes doubled (SQL standard, all our databases). */
    public String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * A string literal holding {@code text} exactly: single quotes doubled, and backslashes where the database
     * reads them as escapes. Only for names (see {@link SqlBuilder#nameAsText}), never for values.
     */
    String textLiteral(String text) {
        String escaped = text.replace("'", "''");
        if (backslashEscapes) {
            escaped = escaped.replace("\\", "\\\\");
        }
        return "'" + escaped + "'";
    }

    /** schema.name, each part quoted; only the name when the schema is the session's default. */
    public String quote(TableId table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    /**
     * Refuses a name the database would reject or silently change (PostgreSQL truncates long names,
     * which would make two tables collide).
     *
     * @param name the name as it will be quoted
     * @param what what the name is for, for the message ("table name", "column name")
     * @throws InvalidIdentifierException with a message a user can act on
     */
    public void check(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new InvalidIdentifierException("The " + what + " is empty; " + databaseName + " needs a non-empty name.");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidIdentifierException("The " + what + " '" + printable(name) + "' contains a NUL character, which "
                    + databaseName + " does not allow in names.");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new InvalidIdentifierException("The " + what + " '" + printable(name) + "' is " + bytes + " bytes long; "
                    + databaseName + " keeps at most " + maxBytes + " bytes. Choose a shorter name (for tables: table.name.format).");
        }
    }

    private static String printable(String name) {
        return name.replace('\0', '?');
    }

    /** A name that cannot be a table or column name in this database. */
    public static final class InvalidIdentifierException extends IllegalArgumentException {
        public InvalidIdentifierException(String message) {
            super(message);
        }
    }
}
