package io.tidemark.connect.source.mariadb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * Makes a restart inside a MariaDB transaction exact: drops the changes Debezium's MySQL connector sends
 * again, and marks every offset with the numbering its event count uses, so the next restart can tell.
 *
 * <p>Debezium's MySQL connector does not see MariaDB's transaction starts. Every change of a transaction
 * carries the transaction's start position ({@code file}, {@code pos}, the end of its GTID event) and
 * Debezium's count of the binlog events it handled since it last saw a real position ({@code event}) and
 * the row in the current event ({@code row}). Restarted at such an offset, Debezium reads the transaction
 * again from its start and skips only {@code row} rows of its first row event, so the changes between
 * those rows and the committed one are sent again (shown in {@code MariaDbRestartTest}). Their
 * {@code event} counts differ from the first reading's by a constant: a run that read the transaction's
 * GTID event counts it as event 1; a run that starts inside the transaction counts the ROTATE and
 * FORMAT_DESCRIPTION events the server sends at the start of every binlog dump instead, 2 events. With
 * {@link #EVENT_BASE} stored beside Debezium's keys (1 or 2), "the k-th event of the transaction" is
 * {@code event - base} in either reading, and a change of the resumed transaction was delivered exactly
 * when its (k, row) is at or before the committed offset's.
 *
 * <p>The only assumption is the count of 2 at a dump's start: a server that sent more events there
 * would make our k too large and re-send one event's changes, never drop one not yet delivered. An
 * offset stored without {@link #EVENT_BASE} (written before this filter) is read with base 2 for the same
 * reason.
 */
final class ResumedTransactionFilter {

    /** Our key in the source offset: the value of Debezium's event count at the transaction's first event. */
    static final String EVENT_BASE = "tidemark_event_base";
    static final long BASE_AFTER_GTID_EVENT = 1;
    static final long BASE_AFTER_DUMP_START = 2;

    private static final String FILE = "file";
    private static final String POSITION = "pos";
    private static final String EVENT = "event";
    private static final String ROW = "row";
    private static final String SNAPSHOT = "snapshot";

    private final String startFile;
    private final Long startPosition;
    private Committed committed;

    private ResumedTransactionFilter(String startFile, Long startPosition, Committed committed) {
        this.startFile = startFile;
        this.startPosition = startPosition;
        this.committed = committed;
    }

    /** For a task starting on {@code offset}, Connect's committed offset for the binlog (null on a first start). */
    static ResumedTransactionFilter startingAt(Map<String, ?> offset) {
        if (offset == null || offset.containsKey(SNAPSHOT) || offset.get(FILE) == null) {
            return new ResumedTransactionFilter(null, null, null);
        }
        String file = (String) offset.get(FILE);
        Long position = number(offset.get(POSITION));
        long event = number(offset.get(EVENT));
        Committed committed = event == 0 ? null : new Committed(file, position,
                event - baseOf(offset), number(offset.get(ROW)));
        return new ResumedTransactionFilter(file, position, committed);
    }

    /** The records not delivered before the restart, each with its offset marked with its event base. */
    List<SourceRecord> apply(List<SourceRecord> records) {
        if (records == null) {
            return null;
        }
        List<SourceRecord> kept = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            Map<String, ?> offset = record.sourceOffset();
            if (offset == null || offset.containsKey(SNAPSHOT) || offset.get(FILE) == null) {
                kept.add(record);
                continue;
            }
            long base = inTransactionResumedAtStart(offset) ? BASE_AFTER_DUMP_START : BASE_AFTER_GTID_EVENT;
            if (committed != null && committed.covers(offset, base)) {
                continue;
            }
            if (committed != null && !committed.isTransactionOf(offset)) {
                // Past the resumed transaction: nothing later can have been delivered.
                committed = null;
            }
            kept.add(withBase(record, base));
        }
        return kept;
    }

    /** Whether Debezium numbered this change's events from the start of this run's binlog dump. */
    private boolean inTransactionResumedAtStart(Map<String, ?> offset) {
        return startFile != null && startFile.equals(offset.get(FILE)) && Objects.equals(startPosition,
                number(offset.get(POSITION)));
    }

    private static SourceRecord withBase(SourceRecord record, long base) {
        Map<String, Object> offset = new HashMap<>(record.sourceOffset());
        offset.put(EVENT_BASE, base);
        return new SourceRecord(record.sourcePartition(), offset, record.topic(), record.kafkaPartition(),
                record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp(),
                record.headers());
    }

    private static long baseOf(Map<String, ?> offset) {
        Object base = offset.get(EVENT_BASE);
        return base == null ? BASE_AFTER_DUMP_START : number(base);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The last delivered change of the transaction the task resumes in: its k-th event and row. */
    private record Committed(String file, Long position, long eventInTransaction, long row) {

        boolean isTransactionOf(Map<String, ?> offset) {
            return file.equals(offset.get(FILE)) && Objects.equals(position, number(offset.get(POSITION)));
        }

        boolean covers(Map<String, ?> offset, long base) {
            if (!isTransactionOf(offset)) {
                return false;
            }
            long event = number(offset.get(EVENT)) - base;
            return event < eventInTransaction || event == eventInTransaction && number(offset.get(ROW)) <= row;
        }
    }
}
