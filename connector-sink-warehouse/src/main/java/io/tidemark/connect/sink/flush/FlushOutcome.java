package io.tidemark.connect.sink.flush;

import io.tidemark.connect.sink.write.FlushResult;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.List;

/**
 * What the writer thread did with one sealed flush, for the task thread to apply: the tables written (with the
 * result of each part a refused row split them into), the records to report to the dead-letter queue, and, if
 * a table failed (or an earlier flush had, so this one was not tried), what is left to write and why.
 *
 * @param flush     the sealed flush
 * @param written   the tables written, in order
 * @param reports   records the warehouse refused, to report
 * @param unwritten the tables still to write, or null when all were written
 * @param failure   why writing stopped (a SQLException or a ConnectException), or null: written, or not tried
 *                  because an earlier flush failed
 */
public record FlushOutcome(SealedFlush flush, List<Written> written, List<Report> reports, SealedFlush unwritten,
                           Exception failure) {

    public FlushOutcome {
        written = List.copyOf(written);
        reports = List.copyOf(reports);
    }

    /** A table of the flush, written, with the result of each statement batch. */
    public record Written(SealedFlush.Table table, List<FlushResult> results) {
        public Written {
            results = List.copyOf(results);
        }
    }

    /** A record the warehouse refused. */
    public record Report(SinkRecord record, Exception failure) {
    }

    static FlushOutcome notTried(SealedFlush flush) {
        return new FlushOutcome(flush, List.of(), List.of(), flush, null);
    }
}
