package io.tidemark.connect.smt.mask;

/** What a rule does with a field that is not a string (a number, boolean, decimal, timestamp or bytes). */
enum NonStringHandling {
    /** Mask the value's text form; the field becomes a string field in the output schema. */
    CONVERT,
    /** Set the field to null, keeping its schema; the field must be optional. */
    NULLIFY
}
