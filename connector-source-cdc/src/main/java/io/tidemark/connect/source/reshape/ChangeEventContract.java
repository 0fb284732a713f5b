package io.tidemark.connect.source.reshape;

/**
 * Names of the Tidemark change-event contract (DESIGN.md) that the source emits and the sink reads:
 * the metadata fields of every value and the headers of every record.
 */
public final class ChangeEventContract {

    /** c insert, u update, d delete, r snapshot read. */
    public static final String OP = "__op";
    /** Commit time of the change in the source database, epoch milliseconds. */
    public static final String SOURCE_TS_MS = "__source_ts_ms";
    /** Grows with every change of the same row; the sink refuses writes older than what it holds. */
    public static final String POSITION = "__position";
    public static final String DELETED = "__deleted";

    /** Columns the database did not send (their fields are null): a list of strings. */
    public static final String UNCHANGED_HEADER = "tidemark.unchanged";
    /** Source schema of the change's table, on every record including tombstones. */
    public static final String SCHEMA_HEADER = "tidemark.schema";
    /** Source table of the change, on every record including tombstones. */
    public static final String TABLE_HEADER = "tidemark.table";
    /**
     * On a tombstone: the position (__position) of the delete it follows, decimal text, so a replayed
     * tombstone can never delete a row the sink stores at a newer position.
     */
    public static final String POSITION_HEADER = "tidemark.position";

    private ChangeEventContract() {
    }
}
