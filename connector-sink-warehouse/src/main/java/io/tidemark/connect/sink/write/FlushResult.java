package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.table.TableId;

import java.util.List;

/**
 * What one table's flush did.
 *
 * @param table      the table
 * @param rows       rows loaded into staging (after deduplication)
 * @param inserted   rows inserted (append: every row)
 * @param updated    rows updated
 * @param deleted    rows deleted, or marked deleted in soft-delete mode
 * @param skipped    rows that changed nothing: older than the stored version, or deleting a row that is not there
 * @param durationMs wall time of the flush
 * @param rejected   rows that could not be written (values that do not fit their column); the task reports them
 */
public record FlushResult(TableId table, int rows, long inserted, long updated, long deleted, long skipped, long durationMs,
                          List<RejectedRow> rejected) {
}
