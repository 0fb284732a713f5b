package io.tidemark.connect.sink.table;

import java.util.Locale;

/**
 * How table and column names from records are spelled in the warehouse. Names are always quoted, so
 * the database keeps exactly the spelling chosen here.
 */
public enum IdentifierCase {
    /** Exactly as in the record (PostgreSQL sources already use lower case). */
    AS_IS,
    /** Lower case. */
    LOWER,
    /** Upper case (Snowflake's spelling of unquoted names). */
    UPPER;

    public String apply(String name) {
        switch (this) {
            case LOWER:
                return name.toLowerCase(Locale.ROOT);
            case UPPER:
                return name.toUpperCase(Locale.ROOT);
            default:
                return name;
        }
    }
}
