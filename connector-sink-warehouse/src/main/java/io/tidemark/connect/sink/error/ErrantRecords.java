package io.tidemark.connect.sink.error;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where a record goes that cannot be written: Connect's errant-record reporter (the dead-letter queue,
 * with Connect's error context headers) when the user configured one, otherwise the task fails with a
 * message naming the record and the cause.
 */
public final class ErrantRecords {

    private final ErrantRecordReporter reporter;
    private long reported;

    /** @param reporter the context's reporter, or null when none is configured */
    public ErrantRecords(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /**
     * Reports the record, or throws.
     *
     * @param failure an exception whose message names the record (coordinates) and the cause, never values
     * @throws ConnectException when no reporter is configured
     */
    public void report(SinkRecord record, Exception failure) {
        if (reporter == null) {
            throw new ConnectException(failure.getMessage()
                    + " (configure errors.tolerance=all and errors.deadletterqueue.topic.name to route such records to a"
                    + " dead-letter queue instead)", failure);
        }
        // Connect waits for the report to complete before it commits the record's offset.
        reporter.report(record, failure);
        reported++;
    }

    public boolean enabled() {
        return reporter != null;
    }

    /** Records handed to the reporter so far. */
    public long reported() {
        return reported;
    }
}
