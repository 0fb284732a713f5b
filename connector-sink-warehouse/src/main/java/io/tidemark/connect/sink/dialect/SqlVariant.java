package io.tidemark.connect.sink.dialect;

/**
 * Where a database that speaks standard SQL differs in a flush, for {@link StandardStatements}.
 *
 * @param stagingCreate          words that create the staging table, e.g. "CREATE TEMP TABLE "
 * @param stagingSuffix          words after its column list, e.g. " ON COMMIT DROP"
 * @param analyzeStaging         ANALYZE the staging table's key columns after the load
 * @param dropStagingAfterCommit drop the staging table once the transaction ended
 * @param mergeReturningActions  the MERGE can stand in a WITH clause and RETURNING merge_action()
 */
public record SqlVariant(String stagingCreate, String stagingSuffix, boolean analyzeStaging, boolean dropStagingAfterCommit,
                         boolean mergeReturningActions) {
}
