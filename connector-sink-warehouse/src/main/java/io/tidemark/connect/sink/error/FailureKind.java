package io.tidemark.connect.sink.error;

/** What the sink does about a failed flush. */
public enum FailureKind {
    /** Connection loss, serialization failure, deadlock, lock timeout, a restarting server: retry with backoff. */
    TRANSIENT,
    /** Some rows do not fit (bad value, constraint): isolate them for the dead-letter queue, or fail naming them. */
    DATA,
    /** Permission denied, bad SQL, missing object: fail fast with the database's message. */
    PERMANENT
}
