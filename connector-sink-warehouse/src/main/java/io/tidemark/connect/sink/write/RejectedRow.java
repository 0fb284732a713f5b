package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.convert.RowChange;

/** A row that cannot be written, and why (the reason names fields and types, never values). */
public record RejectedRow(RowChange change, String reason) {
}
