package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.WarehouseSession;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The peers' row-by-row pattern ({@link UpsertStatements}) on a JDBC connection, one transaction per flush. */
final class UpsertPeerContender extends WriterContender {

    /** Opens the connection the pattern runs on, auto-commit off. */
    @FunctionalInterface
    interface Sessions {
        WarehouseSession open() throws SQLException;
    }

    private final Sessions sessions;
    private final String upsertSql;

    UpsertPeerContender(String name, WriterTable table, WriterWorkload workload, Sessions sessions, String upsertSql) {
        super(name, table, workload, true);
        this.sessions = sessions;
        this.upsertSql = upsertSql;
    }

    @Override
    long writeFlushes() throws Exception {
        long nanos = 0;
        try (WarehouseSession session = sessions.open();
             PreparedStatement upsert = session.connection().prepareStatement(upsertSql);
             PreparedStatement delete = session.connection().prepareStatement(UpsertStatements.delete())) {
            for (WriterWorkload.Flush flush : workload().flushes()) {
                Object[][] rows = UpsertStatements.rows(flush);
                long start = System.nanoTime();
                UpsertStatements.write(flush, rows, upsert, delete);
                session.connection().commit();
                nanos += System.nanoTime() - start;
            }
        }
        return nanos;
    }
}
