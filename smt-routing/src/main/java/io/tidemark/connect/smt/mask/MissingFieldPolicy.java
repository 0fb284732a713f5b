package io.tidemark.connect.smt.mask;

/** What happens when a rule's path is not in a record's schema (or, for schemaless records, not in the record). */
enum MissingFieldPolicy {
    /** Pass such records on with the fields that do exist masked; a schema's missing paths are logged once. */
    IGNORE,
    /** Fail such records. */
    FAIL
}
