package io.tidemark.connect.source.reshape;

import java.util.function.Predicate;

import org.apache.kafka.connect.data.Schema;

/** Recognises the value Debezium writes into a column the database did not send. */
@FunctionalInterface
public interface UnchangedValues {

    /** Databases that send every column of every row image. */
    UnchangedValues NONE = fieldSchema -> null;

    /**
     * A test for "this value stands for a column that was not sent", suited to a field of the given
     * schema, or null when such a field cannot carry one.
     */
    Predicate<Object> detectorFor(Schema fieldSchema);
}
