package io.tidemark.connect.sink.table;

/** How changes reach a table. */
public enum WriteMode {
    /** Upsert and delete by key, newest version wins. */
    MERGE,
    /** Every change becomes a new row (event log tables); exactly once through stored offsets. */
    APPEND
}
