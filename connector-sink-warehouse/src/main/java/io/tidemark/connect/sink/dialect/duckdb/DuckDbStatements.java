package io.tidemark.connect.sink.dialect.duckdb;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.StandardSql;
import io.tidemark.connect.sink.dialect.TableDefinition;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;

import java.util.List;

/**
 * DuckDB's flush statements: the standard ones, a staging table replaced at each flush (DuckDB has no
 * ON COMMIT DROP) and dropped afterwards to free its memory. The MERGE's UPDATE SET lists only non-key
 * columns: rewriting the key too makes DuckDB delete and reinsert every matched row, about 7 times slower.
 */
final class DuckDbStatements implements FlushStatements {

    private final StandardSql standard;

    DuckDbStatements(StandardSql standard) {
        this.standard = standard;
    }

    @Override
    public String createTable(TableDefinition table) {
        return standard.createTable(table);
    }

    @Override
    public String addColumn(TableId table, Column column) {
        return standard.addColumn(table, column);
    }

    @Override
    public List<String> createStaging(StagingTable staging) {
        return List.of(standard.createStaging("CREATE OR REPLACE TEMP TABLE ", staging, ""));
    }

    @Override
    public List<String> prepareStaging(StagingTable staging) {
        return List.of();
    }

    @Override
    public String countMergeActions(StagingTable staging) {
        return standard.countMergeActions(staging);
    }

    @Override
    public String merge(StagingTable staging) {
        return standard.merge(staging);
    }

    /** DuckDB's RETURNING makes a MERGE several times slower; counting first with a join is cheap there. */
    @Override
    public boolean mergeReportsActions() {
        return false;
    }

    @Override
    public String append(StagingTable staging) {
        return standard.append(staging);
    }

    @Override
    public List<String> dropStaging(StagingTable staging) {
        return List.of(standard.onTable("DROP TABLE IF EXISTS ", staging.name()));
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
