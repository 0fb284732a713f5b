package io.tidemark.connect.sink.dialect.postgres;

import io.tidemark.connect.sink.dialect.FlushStatements;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.TableDefinition;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.TableId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * PostgreSQL's flush statements with table creation serialised per table. Two tasks of a connector (or two
 * connectors) that first write the same missing table at once both run CREATE TABLE IF NOT EXISTS; IF NOT
 * EXISTS only sees committed tables, so the second one waits on the first's uncommitted catalog rows and then
 * fails with a unique violation on {@code pg_type_typname_nsp_index} once the first commits. Before the CREATE,
 * each takes a transaction-scoped advisory lock for that table's name, so the second waits for the first's
 * transaction and then finds the table there: no failure, no retry. The lock ends with the transaction
 * (commit or rollback), and a flush's transaction creates at most one table, so two flushes cannot deadlock on
 * these locks.
 *
 * <p>The lock key is a number computed here from the quoted name: no name ever appears in the SQL as a value.
 * Two names sharing a key only serialise their creation, which is harmless.
 */
final class SerialisedTableCreation implements FlushStatements {

    /** The first half of the two-part advisory lock key: Tidemark's table creation (ASCII "TMct"). */
    static final int LOCK_CLASS = 0x544d6374;

    private final FlushStatements statements;
    private final Identifiers identifiers;

    SerialisedTableCreation(FlushStatements statements, Identifiers identifiers) {
        this.statements = statements;
        this.identifiers = identifiers;
    }

    /** The statement that takes the creation lock of a table until the end of the transaction. */
    String lock(TableId table) {
        CRC32 crc = new CRC32();
        crc.update(identifiers.quote(table).getBytes(StandardCharsets.UTF_8));
        return "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", " + (int) crc.getValue() + ")";
    }

    /** The lock and the CREATE as one text: pgjdbc runs statements separated by ';' in order, in the same transaction. */
    @Override
    public String createTable(TableDefinition table) {
        return lock(table.table()) + "; " + statements.createTable(table);
    }

    @Override
    public String createOffsetTable(OffsetTable offsets) {
        return lock(offsets.table()) + "; " + statements.createOffsetTable(offsets);
    }

    /** ALTER TABLE locks the existing table first, so concurrent ADD COLUMN IF NOT EXISTS already waits its turn. */
    @Override
    public String addColumn(TableId table, Column column) {
        return statements.addColumn(table, column);
    }

    @Override
    public List<String> createStaging(StagingTable staging) {
        return statements.createStaging(staging);
    }

    @Override
    public List<String> prepareStaging(StagingTable staging) {
        return statements.prepareStaging(staging);
    }

    @Override
    public String countMergeActions(StagingTable staging) {
        return statements.countMergeActions(staging);
    }

    @Override
    public List<String> merge(StagingTable staging) {
        return statements.merge(staging);
    }

    @Override
    public boolean mergeReportsActions(StagingTable staging) {
        return statements.mergeReportsActions(staging);
    }

    @Override
    public String append(StagingTable staging) {
        return statements.append(staging);
    }

    @Override
    public List<String> dropStaging(StagingTable staging) {
        return statements.dropStaging(staging);
    }

    @Override
    public String readOffsets(OffsetTable offsets) {
        return statements.readOffsets(offsets);
    }

    @Override
    public String writeOffset(OffsetTable offsets) {
        return statements.writeOffset(offsets);
    }

    @Override
    public String deleteOffset(OffsetTable offsets) {
        return statements.deleteOffset(offsets);
    }

    @Override
    public String insertOffset(OffsetTable offsets) {
        return statements.insertOffset(offsets);
    }

    @Override
    public String updateOffsetIfAt(OffsetTable offsets) {
        return statements.updateOffsetIfAt(offsets);
    }
}
