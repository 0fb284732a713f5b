package io.tidemark.connect.source.reshape;

/**
 * What the database sends of a deleted row. With REPLICA IDENTITY DEFAULT PostgreSQL sends only the
 * key columns, and Debezium fills the NOT NULL columns it did not get with type defaults ('' or 0);
 * the contract wants the before-image "as far as the database provides it", so those columns must
 * become null instead.
 *
 * <p>Asked when a table's Debezium schema is first seen: an {@code ALTER TABLE ... REPLICA
 * IDENTITY} takes effect at the table's next schema change or when the task restarts.
 */
@FunctionalInterface
public interface DeletedRowImage {

    /** Whether deletes of the table carry every column (REPLICA IDENTITY FULL). */
    boolean carriesWholeRow(String schema, String table);
}
