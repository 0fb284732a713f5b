package io.tidemark.connect.smt.route;

/** What the router does with a record whose template has no value, or renders a name Kafka does not allow. */
enum MissingTopicPolicy {
    /** Send the record to {@code fallback.topic}. */
    FALLBACK,
    /** Fail the record (Connect's {@code errors.tolerance} and dead-letter queue then decide its fate). */
    FAIL,
    /** Leave the record on its original topic. */
    KEEP
}
