package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.WarehouseSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDateTime;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical ceiling in PostgreSQL: every change as a new row (ids 1..n), one plain {@code COPY ... FROM STDIN}
 * per flush into an empty table with the same definition (primary key included), text format, one commit per flush.
 */
final class PostgresCopyCeiling extends WriterContender {

    private final PostgresWriterTable table;

    PostgresCopyCeiling(String name, PostgresWriterTable table, WriterWorkload workload) {
        super(name, table, workload, false);
        this.table = table;
    }

    @Override
    long writeFlushes() throws Exception {
        String copy = "COPY " + WriterTable.NAME + " (" + String.join(", ", CustomerRows.COLUMNS)
            + ", \"__version\", \"__source_ts_ms\") FROM STDIN";
        long nanos = 0;
        long nextId = 1;
        try (WarehouseSession session = new WarehouseSession(table.connect(false), null, () -> { })) {
            Connection connection = session.connection();
            CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            for (WriterWorkload.Flush flush : workload().flushes()) {
                Object[][] rows = new Object[flush.size()][];
                for (int i = 0; i < flush.size(); i++) {
                    rows[i] = CustomerRows.values(nextId++, flush.versions()[i]);
                }
                long start = System.nanoTime();
                ByteArrayOutputStream text = new ByteArrayOutputStream(flush.size() * 160);
                for (int i = 0; i < rows.length; i++) {
                    appendLine(text, rows[i], flush.versions()[i]);
                }
                byte[] bytes = text.toByteArray();
                var in = copyManager.copyIn(copy);
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
                connection.commit();
                nanos += System.nanoTime() - start;
            }
        }
        return nanos;
    }

    /** COPY text format; the benchmark's values hold no tab, newline or backslash, so nothing needs escaping. */
    private static void appendLine(ByteArrayOutputStream out, Object[] row, long version) {
        StringBuilder line = new StringBuilder(160);
        for (Object value : row) {
            line.append(value instanceof LocalDateTime time ? time.toString().replace('T', ' ') : value).append('\t');
        }
        line.append(version).append('\t').append(CustomerRows.sourceTsMs(version)).append('\n');
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
