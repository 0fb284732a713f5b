package io.tidemark.connect.sink.table;

import java.util.Objects;

/**
 * A warehouse table: an optional schema and a name, both exactly as they will be quoted (the
 * identifier case option has already been applied). A null schema means the session's current schema.
 */
public record TableId(String schema, String name) {

    public TableId {
        Objects.requireNonNull(name, "name");
    }

    /** The same name in another schema (used for tables that live beside the target). */
    public TableId withName(String otherName) {
        return new TableId(schema, otherName);
    }

    /** A readable form for logs and messages: schema.name, unquoted. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
