package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.StandardSql;
import io.tidemark.connect.sink.dialect.TableDefinition;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;

import java.util.List;

/**
 * PostgreSQL's flush statements: the standard ones plus a self-dropping, analyzed staging table; from
 * PostgreSQL 17 on the MERGE reports its own actions (RETURNING merge_action()).
 */
final class PostgresStatements implements FlushStatements {

    private final StandardSql standard;
    private final boolean mergeReturning;

    PostgresStatements(StandardSql standard, int serverMajorVersion) {
        this.standard = standard;
        this.mergeReturning = serverMajorVersion >= 17;
    }

    @Override
    public String createTable(TableDefinition table) {
        return standard.createTable(table);
    }

    @Override
    public String addColumn(TableId table, Column column) {
        return standard.addColumn(table, column);
    }

    /** ON COMMIT DROP: the staging table disappears with the transaction, committed or rolled back. */
    @Override
    public List<String> createStaging(StagingTable staging) {
        return List.of(standard.createStaging("CREATE TEMP TABLE ", staging, " ON COMMIT DROP"));
    }

    /**
     * Autovacuum never analyzes temporary tables; without statistics the planner assumes a tiny staging
     * table and picks a nested loop over the target for the MERGE, which is slow for large batches.
     * Only the key columns matter for that join, and sampling only them is several times cheaper.
     */
    @Override
    public List<String> prepareStaging(StagingTable staging) {
        return List.of(standard.analyzeKeys(staging));
    }

    @Override
    public String countMergeActions(StagingTable staging) {
        return standard.countMergeActions(staging);
    }

    @Override
    public String merge(StagingTable staging) {
        return mergeReturning ? standard.mergeReturningActions(staging) : standard.merge(staging);
    }

    @Override
    public boolean mergeReportsActions() {
        return mergeReturning;
    }

    @Override
    public String append(StagingTable staging) {
        return standard.append(staging);
    }

    @Override
    public List<String> dropStaging(StagingTable staging) {
        return List.of();
    }

    @Override
    public String createOffsetTable(OffsetTable offsets) {
        return standard.createOffsetTable(offsets);
    }

    @Override
    public String readOffsets(OffsetTable offsets) {
        return standard.readOffsets(offsets);
    }

    @Override
    public String writeOffset(OffsetTable offsets) {
        return standard.upsertOffset(offsets);
    }

    @Override
    public String deleteOffset(OffsetTable offsets) {
        return standard.deleteOffset(offsets);
    }
}
