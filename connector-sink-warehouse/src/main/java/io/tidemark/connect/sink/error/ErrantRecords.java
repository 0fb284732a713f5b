package io.tidemark.connect.sink.error;

import io.tidemark.connect.sink.convert.KafkaCoordinates;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Where a record goes that cannot be written: Connect's errant-record reporter (the dead-letter queue,
 * with Connect's error context headers) when the user configured one, otherwise the task fails with a
 * message naming the record and the cause.
 *
 * <p>The reporter writes asynchronously: report() returns a Future that completes once the dead-letter
 * queue has the record. Connect waits for those futures only before it calls preCommit, so a record
 * reported during preCommit's own flush would be committed past before its write is done. This class
 * keeps each report's Future until it is done; {@link #unwritten} tells the offset tracker where to hold
 * each partition back meanwhile, without blocking. A report that failed holds its partition back for
 * good and fails the task at the next {@link #failIfAReportFailed}.
 */
public final class ErrantRecords {

    private record Pending(KafkaCoordinates origin, Future<?> written) {
    }

    private final ErrantRecordReporter reporter;
    private final List<Pending> pending = new ArrayList<>();
    private ConnectException failed;
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
        Future<?> written = reporter.report(record, failure);
        if (written != null && !written.isDone()) {
            pending.add(new Pending(KafkaCoordinates.of(record), written));
        } else if (written != null) {
            checkWritten(new Pending(KafkaCoordinates.of(record), written));
        }
        reported++;
    }

    /**
     * Per original partition, the first reported record whose dead-letter write is not done (or failed): its
     * offset may not be committed yet. Reports that completed are forgotten.
     */
    public Map<TopicPartition, Long> unwritten() {
        Map<TopicPartition, Long> floors = new HashMap<>();
        for (Iterator<Pending> each = pending.iterator(); each.hasNext(); ) {
            Pending report = each.next();
            if (report.written().isDone() && checkWritten(report)) {
                each.remove();
            } else {
                floors.merge(report.origin().topicPartition(), report.origin().offset(), Math::min);
            }
        }
        return floors;
    }

    /** Throws when a dead-letter write failed: the record is neither written nor set aside. */
    public void failIfAReportFailed() {
        unwritten();
        if (failed != null) {
            throw failed;
        }
    }

    /** Whether the completed report succeeded; a failure is remembered for {@link #failIfAReportFailed}. */
    private boolean checkWritten(Pending report) {
        try {
            report.written().get();
            return true;
        } catch (ExecutionException e) {
            if (failed == null) {
                failed = new ConnectException("The dead-letter queue did not take record " + report.origin() + ": "
                        + e.getCause().getMessage() + "; its offset is not committed", e.getCause());
            }
            if (!pending.contains(report)) {
                pending.add(report);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The partitions are no longer this task's: their records will be delivered (and reported) again elsewhere. */
    public void forget(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        pending.removeIf(report -> gone.contains(report.origin().topicPartition()));
    }

    public boolean enabled() {
        return reporter != null;
    }

    /** Records handed to the reporter so far. */
    public long reported() {
        return reported;
    }
}
