package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Two topics map to one table by a table name format meant to tell topics apart: their rows would mix
 * (rows of different source tables with the same key overwriting each other). A configuration problem,
 * not a bad record, so it fails the task instead of going to the dead-letter queue.
 */
public final class TableNameCollisionException extends ConnectException {

    public TableNameCollisionException(String message) {
        super(message);
    }
}
