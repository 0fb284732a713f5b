package io.tidemark.connect.source.reshape;

import org.apache.kafka.connect.data.Struct;

/**
 * What differs per database in reading a Debezium change: where it comes from and its place in the
 * database's log. Everything else of the change-event contract is the same for every source.
 */
public interface ChangeOrigin {

    /** The schema (PostgreSQL) or database (MariaDB/MySQL) of the change's table, from Debezium's source block. */
    String schema(Struct source);

    String table(Struct source);

    /**
     * The change's {@code __position}: grows with every change of the same row. A snapshot read
     * ({@code snapshotRead}) gets a position that no change streamed after the read can be below.
     */
    long position(Struct source, boolean snapshotRead);
}
