package io.tidemark.connect.sink.table;

import java.util.Objects;

/** A named column of a neutral type. */
public record Column(String name, ColumnType type) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
