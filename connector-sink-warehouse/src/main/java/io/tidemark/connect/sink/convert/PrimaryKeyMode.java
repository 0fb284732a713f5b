package io.tidemark.connect.sink.convert;

/** Where a row's key columns come from. */
public enum PrimaryKeyMode {
    /** The record key: a Struct's or Map's fields, or a primitive named by primary.key.fields. */
    RECORD_KEY,
    /** The fields of the value named by primary.key.fields. */
    RECORD_VALUE,
    /** No key: rows are only appended. */
    NONE
}
