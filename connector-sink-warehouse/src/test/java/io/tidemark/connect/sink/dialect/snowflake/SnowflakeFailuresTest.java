package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.sink.error.FailureKind;
import net.snowflake.client.api.exception.ErrorCode;
import net.snowflake.client.api.exception.SnowflakeSQLException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Snowflake's error codes and SQLSTATEs as the server and snowflake-jdbc report them. */
class SnowflakeFailuresTest {

    private static SnowflakeSQLException server(String message, String sqlState, int code) {
        return new SnowflakeSQLException("01b2c3d4-0000-1111-0000-000000000001", message, sqlState, code);
    }

    private static FailureKind classify(Throwable failure) {
        return new SnowflakeDialect().classify(failure);
    }

    @Test
    void expiredSessionsAndTokensAreRetriedOnANewLogin() {
        assertThat(classify(server("Your session has expired. Please login again.", "08001", 390112))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(server("Authentication token has expired.  The user must authenticate again.", "08001", 390114)))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(server("Session no longer exists.  New login required to access the service.", "08001", 390111)))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void networkFailuresAndHttpErrorsTheDriverGaveUpOnAreRetried() {
        assertThat(classify(new SnowflakeSQLException(ErrorCode.NETWORK_ERROR, "HTTP status=503"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(new SnowflakeSQLException(ErrorCode.NETWORK_ERROR, "HTTP status=429"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(new SnowflakeSQLException(new IOException("Connection reset"), ErrorCode.IO_ERROR, "Connection reset")))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(new SnowflakeSQLException(ErrorCode.CONNECTION_ERROR, "connect timed out"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void canceledStatementsTimeoutsLockWaitsAndInternalErrorsAreRetried() {
        assertThat(classify(server("SQL execution canceled", "57014", 604))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(server("Statement reached its statement or warehouse timeout of 3,600 second(s) and was canceled.", "57014",
                630))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(classify(server("SQL execution internal error: Processing aborted due to error 300010:391167117", "XX000", 603)))
                .isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void missingObjectsPrivilegesAndCompilationErrorsFailFast() {
        assertThat(classify(server("SQL compilation error:\nObject 'ANALYTICS.PUBLIC.CUSTOMERS' does not exist or not authorized.",
                "42S02", 2003))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classify(server("SQL access control error:\nInsufficient privileges to operate on schema 'PUBLIC'", "42501", 3001)))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(classify(server("SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'MERG'.", "42000", 1003)))
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void loginAndWarehouseProblemsFailFastAlthoughTheirSqlStateClassIsConnectionOrCannotConnectNow() {
        assertThat(classify(server("Incorrect username or password was specified.", "08004", 390100))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classify(server("JWT token is invalid.", "08004", 390144))).isEqualTo(FailureKind.PERMANENT);
        assertThat(classify(server("No active warehouse selected in the current session.  Select an active warehouse with the 'use"
                + " warehouse' command.", "57P03", 606))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void valuesThatDoNotFitAreTheRowsFault() {
        assertThat(classify(server("Numeric value 'abc' is not recognized", "22018", 100038))).isEqualTo(FailureKind.DATA);
        assertThat(classify(server("Value too long and would be truncated", "22000", 100074))).isEqualTo(FailureKind.DATA);
    }
}
