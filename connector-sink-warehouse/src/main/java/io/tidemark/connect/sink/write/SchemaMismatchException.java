package io.tidemark.connect.sink.write;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The records and the table do not fit together and the sink may not (or cannot) change the table:
 * a missing table or column without auto.create/auto.evolve, or an incompatible type change. Permanent:
 * retrying cannot help, a person has to decide.
 */
public class SchemaMismatchException extends ConnectException {

    public SchemaMismatchException(String message) {
        super(message);
    }
}
