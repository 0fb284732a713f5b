package io.tidemark.connect.sink.model;

/**
 * One thing that happens in the source table (keyed by {@code id}, with a small {@code name}, a large
 * {@code notes} that PostgreSQL leaves out of an UPDATE that does not touch it, and a {@code tier} column
 * that {@link AddColumn} adds), or one record a transform sends to a table that refuses it. A step that
 * does not apply to the table's state (an insert of a key that exists, an update of one that does not) is
 * skipped, so every list of steps is a valid history and shrinking keeps it valid.
 */
public sealed interface SourceStep {

    /** INSERT: an {@code c} record with every column. */
    record Insert(int key) implements SourceStep {
    }

    /**
     * UPDATE of name (and tier, once it exists); {@code setsNotes} false leaves notes untouched, so the record
     * carries it as null and names it in {@code tidemark.unchanged}.
     */
    record Update(int key, boolean setsNotes) implements SourceStep {
    }

    /** DELETE: a {@code d} record with only the key, then a tombstone carrying the delete's position. */
    record Delete(int key) implements SourceStep {
    }

    /**
     * UPDATE of the primary key: the source emits a delete (and tombstone) of the old key and an insert of the new
     * one, both at the update's position; under REPLICA IDENTITY DEFAULT the insert leaves notes out (unchanged).
     */
    record ChangeKey(int from, int to) implements SourceStep {
    }

    /** The same UPDATE of the primary key under REPLICA IDENTITY FULL: the insert of the new key carries notes. */
    record ChangeKeyFull(int from, int to) implements SourceStep {
    }

    /**
     * An incremental snapshot reads the row: an {@code r} record with the row as it is now, at the position of the
     * slot's restart LSN, which is {@code lag} changes behind the newest (never below the previous snapshot row's).
     */
    record Snapshot(int key, int lag) implements SourceStep {
    }

    /** ALTER TABLE ... ADD COLUMN tier (no default): from now on every record has the field. */
    record AddColumn() implements SourceStep {
    }

    /**
     * A record of partition {@code partition} that a transform routes to a table where its value does not fit
     * (a decimal too large for its column): the database refuses it, it goes to the dead-letter queue.
     */
    record Poison(int partition) implements SourceStep {
    }
}
