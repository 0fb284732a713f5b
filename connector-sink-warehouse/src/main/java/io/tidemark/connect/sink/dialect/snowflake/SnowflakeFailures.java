package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.error.SqlStateClasses;

import java.sql.SQLException;
import java.util.Set;

/**
 * Snowflake's failures. Snowflake sets SQLSTATEs of the standard classes (22 data, 42 compilation and
 * privileges, 57 canceled or timed out), so {@link SqlStateClasses} decides most; its error codes (the
 * server's, e.g. 390112, and snowflake-jdbc's own 2000xx) decide where the class would mislead.
 */
final class SnowflakeFailures {

    /** Worth retrying on a fresh session: expired sessions and tokens, lost connections, transient server faults. */
    private static final Set<Integer> TRANSIENT = Set.of(
            390104, // User must login again to access the service.
            390111, // Session no longer exists. New login required to access the service.
            390112, // Your session has expired. Please login again.
            390114, // Authentication token has expired. The user must authenticate again.
            603,    // SQL execution internal error: Snowflake asks clients to retry.
            604,    // SQL execution canceled (e.g. the warehouse was resized or restarted under the statement).
            200002, // driver: connection error
            200003, // driver: interrupted
            200005, // driver: query canceled
            200015, // driver: network error, also HTTP 429 and 5xx once the driver's own retries ran out
            200016, // driver: I/O error
            200052  // driver: connection closed
    );

    /** Class 57 or 08 by SQLSTATE, but a person has to act: retrying cannot help. */
    private static final Set<Integer> PERMANENT = Set.of(
            606,    // 57P03 No active warehouse selected in the current session (none set, or no USAGE on it).
            390100, // 08004 Incorrect username or password was specified.
            390144, // 08004 JWT token is invalid (the public key registered for the user does not match).
            390189, // 08004 Role specified in the connect string is not granted to this user.
            390201  // 08004 The requested warehouse/database/schema does not exist or not authorized.
    );

    private SnowflakeFailures() {
    }

    static FailureKind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                if (TRANSIENT.contains(sql.getErrorCode())) {
                    return FailureKind.TRANSIENT;
                }
                if (PERMANENT.contains(sql.getErrorCode())) {
                    return FailureKind.PERMANENT;
                }
            }
        }
        return SqlStateClasses.classify(failure);
    }
}
