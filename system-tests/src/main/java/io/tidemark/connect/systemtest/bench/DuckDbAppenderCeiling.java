package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.WarehouseSession;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The physical ceiling in DuckDB: every change as a new row (ids 1..n), appended with DuckDB's Appender straight
 * into an empty table with the same definition (primary key included), one commit per flush.
 */
final class DuckDbAppenderCeiling extends WriterContender {

    private final DuckDbWriterTable table;

    DuckDbAppenderCeiling(String name, DuckDbWriterTable table, WriterWorkload workload) {
        super(name, table, workload, false);
        this.table = table;
    }

    @Override
    long writeFlushes() throws Exception {
        long nanos = 0;
        long nextId = 1;
        try (WarehouseSession session = table.session()) {
            DuckDBConnection connection = session.connection().unwrap(DuckDBConnection.class);
            for (WriterWorkload.Flush flush : workload().flushes()) {
                Object[][] rows = new Object[flush.size()][];
                for (int i = 0; i < flush.size(); i++) {
                    rows[i] = CustomerRows.values(nextId++, flush.versions()[i]);
                }
                long start = System.nanoTime();
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, WriterTable.NAME)) {
                    for (int i = 0; i < rows.length; i++) {
                        append(appender, rows[i], flush.versions()[i]);
                    }
                }
                session.connection().commit();
                nanos += System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static void append(DuckDBAppender appender, Object[] row, long version) throws java.sql.SQLException {
        appender.beginRow();
        appender.append((Long) row[0]);
        appender.append((String) row[1]);
        appender.append((String) row[2]);
        appender.append((String) row[3]);
        appender.append((String) row[4]);
        appender.append((Integer) row[5]);
        appender.append((Boolean) row[6]);
        appender.append((LocalDateTime) row[7]);
        appender.append((String) row[8]);
        appender.append(version);
        appender.append(CustomerRows.sourceTsMs(version));
        appender.endRow();
    }
}
