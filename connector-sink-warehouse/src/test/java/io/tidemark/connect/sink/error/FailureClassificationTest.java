package io.tidemark.connect.sink.error;

import io.tidemark.connect.sink.dialect.duckdb.DuckDbDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassificationTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "08006, TRANSIENT", "08001, TRANSIENT", "40001, TRANSIENT", "40P01, TRANSIENT", "55P03, TRANSIENT", "57P01, TRANSIENT",
        "57P03, TRANSIENT", "57014, TRANSIENT", "53300, TRANSIENT", "23505, TRANSIENT", "42703, TRANSIENT",
        "22003, DATA", "22001, DATA", "22P02, DATA", "23502, DATA", "23503, DATA",
        "42501, PERMANENT", "42P01, PERMANENT", "42601, PERMANENT", "28P01, PERMANENT", "3D000, PERMANENT", "XX000, PERMANENT",
        "55000, PERMANENT"})
    void classifiesBySqlState(String state, FailureKind kind) {
        assertThat(SqlStateClasses.classify(new SQLException("boom", state))).isEqualTo(kind);
    }

    @Test
    void anIoFailureInTheCauseChainIsTransient() {
        SQLException wrapped = new SQLException("I/O", null, new SocketException("Connection reset"));

        assertThat(SqlStateClasses.classify(wrapped)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(SqlStateClasses.classify(new RuntimeException(new EOFException()))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(SqlStateClasses.classify(new SQLException("no state"))).isEqualTo(FailureKind.PERMANENT);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "TransactionContext Error: Failed to commit: write-write conflict on key | TRANSIENT",
        "IO Error: Could not set lock on file \"/data/w.duckdb\": Conflicting lock is held | TRANSIENT",
        "Constraint Error: Duplicate key \"id: 1\" violates primary key constraint | TRANSIENT",
        "Conversion Error: Could not convert string 'x' to INT32 | DATA",
        "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result Error: Conversion Error: overflow | DATA",
        "Appender error, catalog: 'temp', message: invalid decimal precision, max expected: 5, actual: 7 | DATA",
        "Constraint Error: NOT NULL constraint failed: customers.name | DATA",
        "Catalog Error: Table with name nosuch does not exist! | PERMANENT",
        "Parser Error: syntax error at or near \"MERGE\" | PERMANENT",
        "Permission Error: Cannot launch in read-only mode | PERMANENT"})
    void classifiesDuckDbErrorsByTheirType(String message, FailureKind kind) {
        assertThat(new DuckDbDialect().classify(new SQLException(message))).isEqualTo(kind);
    }
}
