package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;

import java.util.List;

/**
 * The SQL text of one flush, per database. Names are quoted; values are never part of the text.
 * Statements returning lists may return none (a step the database does not need).
 */
public interface FlushStatements {

    /** CREATE TABLE IF NOT EXISTS with the key as primary key. */
    String createTable(TableDefinition table);

    /** Adds one nullable column, doing nothing if another writer added it first. */
    String addColumn(TableId table, Column column);

    /** Creates the (empty) staging table for this flush. */
    List<String> createStaging(StagingTable staging);

    /** Runs after the load and before the MERGE, e.g. PostgreSQL's ANALYZE of the staging table. */
    List<String> prepareStaging(StagingTable staging);

    /**
     * A query returning one row with three counts, evaluated just before the MERGE in the same
     * transaction: rows it will insert, update, and delete (or mark deleted). Rows that change nothing are
     * the batch size minus these. Not used when {@link #mergeReportsActions(StagingTable)}.
     */
    String countMergeActions(StagingTable staging);

    /**
     * The MERGE from staging into the target, with the version guard, delete and keep handling: one statement, or
     * several with the same outcome (see {@link SqlVariant#mergeAsDeleteAndInsert()}).
     */
    List<String> merge(StagingTable staging);

    /**
     * Whether {@link #merge} is one query that itself returns the counts of {@link #countMergeActions}
     * (cheaper than counting first: no second join): one row, its columns in the order inserted, updated,
     * deleted, or labelled "number of rows inserted/updated/deleted" when the database leaves out the
     * kinds of clause the statement lacks (Snowflake). Per staging table, because a database may report
     * only some modes exactly (Snowflake's MERGE counts a soft delete as an update).
     */
    boolean mergeReportsActions(StagingTable staging);

    /** INSERT ... SELECT from staging into the target (append mode). */
    String append(StagingTable staging);

    /** Removes the staging table after the transaction ended (if the database did not drop it already). */
    List<String> dropStaging(StagingTable staging);

    /** CREATE TABLE IF NOT EXISTS for the offsets of append mode. */
    String createOffsetTable(OffsetTable offsets);

    /** Query with one parameter (connector name) returning topic, partition, next offset. */
    String readOffsets(OffsetTable offsets);

    /** Insert-or-update with parameters connector, topic, partition, next offset. */
    String writeOffset(OffsetTable offsets);

    /** Delete with parameters connector, topic, partition. */
    String deleteOffset(OffsetTable offsets);

    /** Plain INSERT with parameters: the key columns, then the next offset (fails on an existing row). */
    String insertOffset(OffsetTable offsets);

    /**
     * Compare-and-set: UPDATE of the next offset with parameters: the new next offset, the key columns, then the
     * next offset the row must still hold (no row updated when another writer moved it).
     */
    String updateOffsetIfAt(OffsetTable offsets);
}
