package io.tidemark.connect.sink.table;

/** What a delete (or a tombstone) does to the table. */
public enum DeleteMode {
    /** The row is removed. */
    HARD,
    /** The row stays, marked deleted, with its version, so a replayed older change cannot bring it back. */
    SOFT,
    /** Deletes are ignored. */
    NONE
}
