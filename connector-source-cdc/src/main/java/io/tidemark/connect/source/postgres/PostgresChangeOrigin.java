package io.tidemark.connect.source.postgres;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.tidemark.connect.source.reshape.ChangeOrigin;
import io.tidemark.connect.source.reshape.SnapshotPosition;

/** PostgreSQL changes: schema and table from Debezium's source block, the LSN as position. */
public final class PostgresChangeOrigin implements ChangeOrigin {

    private final SnapshotPosition snapshotPosition;

    public PostgresChangeOrigin(SnapshotPosition snapshotPosition) {
        this.snapshotPosition = snapshotPosition;
    }

    @Override
    public String schema(Struct source) {
        return source.getString("schema");
    }

    @Override
    public String table(Struct source) {
        return source.getString("table");
    }

    /** Streamed changes: their LSN. Snapshot reads: see {@link SnapshotPosition} (cached, so cheap per row). */
    @Override
    public long position(Struct source, boolean snapshotRead) {
        if (snapshotRead) {
            return snapshotPosition.current();
        }
        Long lsn = source.getInt64("lsn");
        if (lsn == null) {
            throw new ConnectException("Debezium sent a change of " + schema(source) + "." + table(source)
                    + " without an LSN; it cannot be given a __position");
        }
        return lsn;
    }
}
