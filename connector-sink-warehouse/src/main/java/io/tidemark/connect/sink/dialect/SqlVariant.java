package io.tidemark.connect.sink.dialect;

import java.util.List;

/**
 * Where a database that speaks standard SQL differs in a flush, for {@link StandardStatements}.
 *
 * @param stagingCreate          words that create the staging table, e.g. "CREATE TEMP TABLE "
 * @param stagingSuffix          words after its column list, e.g. " ON COMMIT DROP"
 * @param analyzeStaging         ANALYZE the staging table's key columns after the load
 * @param dropStagingAfterCommit drop the staging table once the transaction ended
 * @param mergeReturningActions  the MERGE can stand in a WITH clause and RETURNING merge_action()
 * @param mergeAsDeleteAndInsert the MERGE's outcome is written as deletes and inserts of sets of rows instead (see
 *                               {@link MergeStatement#writeAsDeleteAndInsert}), where the database's MERGE updates
 *                               rows slowly
 * @param beforeMerge            statements run in the flush's transaction after the load, before a MERGE (e.g.
 *                               settings for the MERGE's plan that end with the transaction)
 */
public record SqlVariant(String stagingCreate, String stagingSuffix, boolean analyzeStaging, boolean dropStagingAfterCommit,
                         boolean mergeReturningActions, boolean mergeAsDeleteAndInsert, List<String> beforeMerge) {

    public SqlVariant {
        beforeMerge = List.copyOf(beforeMerge);
    }
}
