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
 * @param stale      rows ignored because the table already held a newer version
 * @param durationMs wall time of the flush
 * @param rejected   rows that could not be written (values that do not fit their column); the task reports them
 */
public record FlushResult(TableId table, int rows, long inserted, long updated, long deleted, long stale, long durationMs,
                          List<RejectedRow> rejected) {
}
