package io.tidemark.connect.sink.error;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Classification by SQLSTATE (ISO/IEC 9075 classes, which PostgreSQL and Snowflake follow) and by the
 * cause chain. Only conditions known to pass are transient; an unknown failure is permanent, so a real
 * problem fails fast instead of being retried for minutes.
 */
public final class SqlStateClasses {

    private SqlStateClasses() {
    }

    /** The kind for the first SQLSTATE found in the cause chain, or for an I/O failure in it. */
    public static FailureKind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return ofState(sql.getSQLState());
            }
            if (cause instanceof IOException || cause instanceof SQLTransientException) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.PERMANENT;
    }

    /** The kind for one SQLSTATE. */
    public static FailureKind ofState(String state) {
        if (state.length() < 2) {
            return FailureKind.PERMANENT;
        }
        switch (state.substring(0, 2)) {
            case "08": // connection exception
            case "40": // transaction rollback: serialization failure, deadlock
            case "53": // insufficient resources: too many connections, out of memory, disk full
                return FailureKind.TRANSIENT;
            case "57": // operator intervention: 57P01 admin shutdown, 57P02 crash, 57P03 cannot connect now, 57014 canceled
                return "57000".equals(state) ? FailureKind.PERMANENT : FailureKind.TRANSIENT;
            case "55": // object not in prerequisite state: 55P03 lock not available
                return "55P03".equals(state) || "55006".equals(state) ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
            case "23":
                // A batch never holds two rows for one key, so a unique violation on insert means another
                // writer inserted the same key between our MERGE's check and its insert: a race, retried.
                return "23505".equals(state) ? FailureKind.TRANSIENT : FailureKind.DATA;
            case "22": // data exception: value too long, out of range, invalid text
                return FailureKind.DATA;
            case "42":
                // Undefined column: the statements were planned from the columns the writer last read, before
                // another task's transaction created the table with fewer columns or changed them. The writer
                // forgets a table's columns on any failure, so the retry reads them again and adds what is
                // missing. (A table without the columns the sink needs is refused before any statement runs.)
                return "42703".equals(state) ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
            default:
                return FailureKind.PERMANENT;
        }
    }
}
