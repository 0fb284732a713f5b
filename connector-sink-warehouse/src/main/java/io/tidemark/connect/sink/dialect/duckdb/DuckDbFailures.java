package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.error.FailureKind;

import java.io.IOException;
import java.sql.SQLException;

/**
 * DuckDB's JDBC driver sets no SQLSTATE; its messages start with the error type ("Conversion Error:",
 * "TransactionContext Error:"), one per DuckDB ExceptionType, and a wrapped failure repeats the inner
 * type after "Error: ". We classify on those type names.
 */
final class DuckDbFailures {

    private static final String[] TRANSIENT = {
        // Write-write conflict between two connections (tasks) updating the same rows: retry.
        "TransactionContext Error",
        // Another process holds the database file ("Could not set lock on file").
        "Could not set lock",
        "Interrupt Error",
        // A concurrent writer inserted the same key first (see SqlStateClasses for the same race in PostgreSQL).
        "Constraint Error: Duplicate key",
        "Constraint Error: PRIMARY KEY or UNIQUE constraint violated",
        // Two tasks evolving one table at once: the statements were planned from columns another task's
        // transaction changed meanwhile. The writer forgets the table's columns on any failure, so the retry
        // reads them again and plans anew.
        "does not have a column with name",
    };

    private static final String[] DATA = {
        "Conversion Error", "Constraint Error", "Out of Range Error", "Invalid Input Error: Invalid unicode",
        "Mismatch Type Error",
        // The Appender refuses a value that does not fit the staging column ("Appender error, ... message:
        // invalid decimal precision, max expected: 5, actual: 7").
        "invalid decimal precision", "out of range",
    };

    private DuckDbFailures() {
    }

    static FailureKind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return FailureKind.TRANSIENT;
            }
            if (cause instanceof SQLException && cause.getMessage() != null) {
                String message = cause.getMessage();
                if (containsAny(message, TRANSIENT)) {
                    return FailureKind.TRANSIENT;
                }
                if (containsAny(message, DATA)) {
                    return FailureKind.DATA;
                }
            }
        }
        return FailureKind.PERMANENT;
    }

    private static boolean containsAny(String message, String[] fragments) {
        for (String fragment : fragments) {
            if (message.contains(fragment)) {
                return true;
            }
        }
        return false;
    }
}
