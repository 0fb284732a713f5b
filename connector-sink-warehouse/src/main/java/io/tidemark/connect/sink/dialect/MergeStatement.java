package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static io.tidemark.connect.sink.dialect.StandardStatements.STAGING;
import static io.tidemark.connect.sink.dialect.StandardStatements.TARGET;

/**
 * The MERGE from a staging table (alias s) into its target (alias t), written once for every dialect. Its rules:
 *
 * <ul>
 *   <li>The version guard: a change updates or deletes a stored row only when its version is not older
 *   (s.version >= t.version; a missing version on either side passes).</li>
 *   <li>A data column with a value-version column in staging takes the staged value when the staged row carries
 *   one (not NULL) that is not older than the stored row; else it keeps the stored value.</li>
 *   <li>Unknown columns: a row inserted or revived by a change that did not carry some column lists that column in
 *   the unknown-columns metadata column, with the Kafka position (partition, last offset) of the records that did.
 *   A listed column is filled by the next change that carries a value for it from a later offset of that
 *   partition, whatever that change's version (an incremental snapshot's read has an older position than the
 *   streamed change it follows); an earlier offset is a replay and fills nothing. The fill alone changes neither the
 *   row's version nor its other columns. Taking a value removes the column from the list.</li>
 *   <li>Revivals: a live change revives a row when the stored row is soft-deleted, or when a delete of the key came
 *   before it in the same flush (the buffer folded both into it). The deleted row's values never pass to the
 *   revived row; what the change did not carry is NULL and unknown.</li>
 * </ul>
 */
public final class MergeStatement {

    private final SqlBuilder b;
    private final StagingTable staging;
    private final MetadataColumns meta;
    private final boolean soft;
    /** Aliases of the staged row and of the stored row where an expression reads them. */
    private final String s;
    private final String t;

    private MergeStatement(SqlBuilder b, StagingTable staging, String s, String t) {
        this.b = b;
        this.staging = staging;
        this.meta = staging.meta();
        this.soft = staging.deleteMode() == DeleteMode.SOFT;
        this.s = s;
        this.t = t;
    }

    /**
     * The MERGE with every value computed in its UPDATE SET and INSERT VALUES.
     *
     * @param source writes what follows USING, e.g. the staging table's name or a subquery
     * @param staged writes the staged value of a data column in its target type, e.g. s."name"
     */
    static String write(SqlBuilder b, StagingTable staging, Consumer<SqlBuilder> source, BiConsumer<SqlBuilder, String> staged) {
        MergeStatement merge = new MergeStatement(b, staging, STAGING, TARGET);
        return merge.write(source, (column, value) -> {
            if (value == Value.INSERTED_COMPUTED) {
                merge.inserted(column);
            } else if (value == Value.UPDATED) {
                merge.updated(column, staged);
            } else {
                b.qualified(STAGING, column);
            }
        });
    }

    /**
     * The MERGE for databases whose MERGE wants plain source columns in UPDATE SET and INSERT VALUES (fakesnow,
     * the Snowflake emulator, carries only those into its rewrite): the source is a subquery of the staged rows,
     * aliased {@code stagedAlias}, left-joined to the stored rows, aliased {@code storedAlias}, that computes every
     * value the MERGE sets.
     *
     * @param staged writes a staging column in its target type (e.g. PARSE_JSON), given the alias to read it from
     */
    public static String writeFromComputedSource(SqlBuilder b, StagingTable staging, String stagedAlias, String storedAlias,
                                                 StagedValue staged) {
        ComputedNames computed = ComputedNames.of(staging);
        MergeStatement inner = new MergeStatement(b, staging, stagedAlias, storedAlias);
        Consumer<SqlBuilder> source = builder -> {
            builder.sql("(SELECT ");
            builder.each(staging.columns(), ", ", (x, column) -> {
                staged.write(x, column, stagedAlias);
                x.sql(" AS ").name(column.name());
            });
            computed.updated().forEach((name, alias) -> {
                builder.sql(", ");
                inner.updated(name, (x, column) -> staged.write(x, staging.columns().get(staging.indexOf(column)), stagedAlias));
                builder.sql(" AS ").name(alias);
            });
            computed.inserted().forEach((name, alias) -> {
                builder.sql(", ");
                inner.inserted(name);
                builder.sql(" AS ").name(alias);
            });
            builder.sql("\n  FROM ").table(staging.name()).sql(" AS " + stagedAlias).sql(" LEFT JOIN ").table(staging.target())
                    .sql(" AS " + storedAlias + " ON ").each(staging.keys(), " AND ", (x, key) -> x.qualified(storedAlias, key.name())
                    .sql(" = ").qualified(stagedAlias, key.name())).sql(")");
        };
        return new MergeStatement(b, staging, STAGING, TARGET).write(source, (column, value) -> {
            if (value == Value.INSERTED_COMPUTED) {
                b.qualified(STAGING, computed.inserted().get(column));
            } else if (value == Value.UPDATED) {
                b.qualified(STAGING, computed.updated().get(column));
            } else {
                b.qualified(STAGING, column);
            }
        });
    }

    /** Writes a staging column, in its target type, read from an alias. */
    @FunctionalInterface
    public interface StagedValue {
        void write(SqlBuilder b, Column column, String alias);
    }

    /**
     * Names for the subquery's computed values, not taken by a staging column: each updated column (data and
     * metadata) to its computed column, and each inserted column whose value is computed to its own.
     */
    private record ComputedNames(Map<String, String> updated, Map<String, String> inserted) {

        static ComputedNames of(StagingTable staging) {
            Set<String> taken = new HashSet<>();
            staging.columns().forEach(column -> taken.add(column.name()));
            int[] next = {0};
            return new ComputedNames(aliases(updatedColumns(staging), taken, next), aliases(computedOnInsert(staging.meta()), taken, next));
        }

        private static Map<String, String> aliases(List<String> columns, Set<String> taken, int[] next) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String column : columns) {
                String name = "__tm_set_" + next[0]++;
                while (taken.contains(name)) {
                    name = "_" + name;
                }
                names.put(column, name);
            }
            return names;
        }
    }

    /** The target columns an insert computes instead of copying a staging column. */
    private static List<String> computedOnInsert(MetadataColumns meta) {
        return List.of(meta.unknown(), meta.unknownSincePartition(), meta.unknownSinceOffset());
    }

    private static List<String> updatedMetadata(StagingTable staging) {
        MetadataColumns meta = staging.meta();
        List<String> names = new ArrayList<>(List.of(meta.version(), meta.sourceTsMs()));
        if (staging.deleteMode() == DeleteMode.SOFT) {
            names.add(meta.deleted());
        }
        names.add(meta.unknown());
        names.add(meta.unknownSincePartition());
        names.add(meta.unknownSinceOffset());
        return names;
    }

    /** What {@link #write} asks its value writer for. */
    private enum Value { UPDATED, INSERTED, INSERTED_COMPUTED }

    @FunctionalInterface
    private interface ValueWriter {
        void write(String column, Value value);
    }

    private String write(Consumer<SqlBuilder> source, ValueWriter value) {
        b.sql("MERGE INTO ").table(staging.target()).sql(" AS " + TARGET + "\nUSING ");
        source.accept(b);
        b.sql(" AS " + STAGING + "\nON ");
        keysMatch();
        if (staging.deleteMode() == DeleteMode.HARD) {
            b.sql("\nWHEN MATCHED AND ");
            deletes().sql(" THEN DELETE");
        }
        b.sql("\nWHEN MATCHED AND ");
        updates().sql(" THEN UPDATE SET ");
        b.each(updatedColumns(staging), ", ", (x, column) -> {
            x.name(column).sql(" = ");
            value.write(column, Value.UPDATED);
        });
        b.sql("\nWHEN NOT MATCHED");
        if (!soft) {
            b.sql(" AND ");
            inserts();
        }
        List<String> inserted = staging.insertedColumns();
        b.sql(" THEN INSERT (").names(inserted).sql(")\n  VALUES (");
        insertedValues(value);
        return b.sql(")").toString();
    }

    /**
     * The outcome of the MERGE of {@link #write} in five statements, for a database whose MERGE is slow at
     * updating rows (DuckDB's updates a matched row's columns one row at a time, about 5 times slower than the
     * same rows deleted and inserted again as sets): the new values of the rows the MERGE would update are
     * computed into {@code updates}, from each stored row with its updated columns replaced (so the columns this
     * batch does not carry keep their stored values); the rows it would update or delete are deleted; the
     * updated rows are inserted back; the staged rows it would insert are inserted; {@code updates} is dropped.
     * Every statement reads the target as the MERGE would, before the change: the last insert takes only keys
     * that were never stored, and neither a deleted nor an updated key can be one of those.
     *
     * @param sql     a new builder for each statement
     * @param updates the name of the temporary table of the updated rows
     * @param staged  writes the staged value of a data column in its target type, e.g. s."name"
     */
    static List<String> writeAsDeleteAndInsert(Supplier<SqlBuilder> sql, StagingTable staging, TableId updates,
                                               BiConsumer<SqlBuilder, String> staged) {
        List<String> statements = new ArrayList<>();
        MergeStatement select = new MergeStatement(sql.get(), staging, STAGING, TARGET);
        select.b.sql("CREATE TEMP TABLE ").table(updates).sql(" AS SELECT " + TARGET + ".* REPLACE (");
        select.b.each(updatedColumns(staging), ", ", (x, column) -> {
            select.updated(column, staged);
            x.sql(" AS ").name(column);
        });
        select.b.sql(")\nFROM ").table(staging.name()).sql(" AS " + STAGING + " JOIN ").table(staging.target()).sql(" AS " + TARGET + " ON ");
        select.keysMatch();
        select.b.sql("\nWHERE ");
        select.updates();
        if (staging.deleteMode() == DeleteMode.HARD) {
            select.b.sql(" AND NOT (");
            select.deletes().sql(")");
        }
        statements.add(select.b.toString());

        MergeStatement delete = new MergeStatement(sql.get(), staging, STAGING, TARGET);
        delete.b.sql("DELETE FROM ").table(staging.target()).sql(" AS " + TARGET + " USING ").table(staging.name())
                .sql(" AS " + STAGING + "\nWHERE ");
        delete.keysMatch();
        delete.b.sql(" AND (");
        delete.updates();
        if (staging.deleteMode() == DeleteMode.HARD) {
            delete.b.sql(" OR ");
            delete.deletes();
        }
        statements.add(delete.b.sql(")").toString());

        statements.add(sql.get().sql("INSERT INTO ").table(staging.target()).sql(" BY NAME SELECT * FROM ").table(updates).toString());

        MergeStatement insert = new MergeStatement(sql.get(), staging, STAGING, TARGET);
        insert.b.sql("INSERT INTO ").table(staging.target()).sql(" (").names(staging.insertedColumns()).sql(")\nSELECT ");
        insert.insertedValues((column, value) -> {
            if (value == Value.INSERTED_COMPUTED) {
                insert.inserted(column);
            } else {
                insert.b.qualified(STAGING, column);
            }
        });
        insert.b.sql("\nFROM ").table(staging.name()).sql(" AS " + STAGING + "\nWHERE NOT EXISTS (SELECT 1 FROM ").table(staging.target())
                .sql(" AS " + TARGET + " WHERE ");
        insert.keysMatch();
        insert.b.sql(")");
        if (!insert.soft) {
            insert.b.sql(" AND ");
            insert.inserts();
        }
        statements.add(insert.b.toString());

        statements.add(sql.get().sql("DROP TABLE ").table(updates).toString());
        return statements;
    }

    /** t.key = s.key for every key column, joined by AND. */
    private void keysMatch() {
        b.each(staging.keys(), " AND ", (x, key) -> x.qualified(t, key.name()).sql(" = ").qualified(s, key.name()));
    }

    /** When a matched row is deleted (hard deletes): the change is a delete that passes the guard. */
    private SqlBuilder deletes() {
        b.qualified(s, meta.deleted()).sql(" AND ");
        return guard();
    }

    /**
     * When a matched row (not deleted by {@link #deletes}) is updated: the change passes the guard, or it may fill the
     * stored row's unknown columns (see {@link #laterInKafka}).
     */
    private SqlBuilder updates() {
        b.sql("(");
        guard().sql(" OR (").qualified(t, meta.unknown()).sql(" IS NOT NULL AND NOT ").qualified(s, meta.deleted());
        if (soft) {
            b.sql(" AND NOT ");
            targetDeleted();
        }
        b.sql(" AND ");
        return laterInKafka().sql("))");
    }

    /** When a change of a key not stored is inserted, unless deletes are kept (soft): it is no delete. */
    private SqlBuilder inserts() {
        return b.sql("NOT ").qualified(s, meta.deleted());
    }

    /** The columns an update sets: the data columns and the metadata an update maintains (never the key). */
    private static List<String> updatedColumns(StagingTable staging) {
        List<String> updated = new ArrayList<>();
        staging.data().forEach(column -> updated.add(column.name()));
        updated.addAll(updatedMetadata(staging));
        return updated;
    }

    /** The values of {@link StagingTable#insertedColumns()}, in that order. */
    private void insertedValues(ValueWriter value) {
        List<String> computed = computedOnInsert(meta);
        b.each(staging.insertedColumns(), ", ",
                (x, name) -> value.write(name, computed.contains(name) ? Value.INSERTED_COMPUTED : Value.INSERTED));
    }

    /** The value UPDATE SET gives a column of a matched row, reading the staged row as s and the stored as t. */
    private void updated(String column, BiConsumer<SqlBuilder, String> staged) {
        if (column.equals(meta.version()) || column.equals(meta.sourceTsMs())) {
            guarded(column, true);
        } else if (column.equals(meta.deleted())) {
            guarded(column, false);
        } else if (column.equals(meta.unknown())) {
            b.sql("CASE WHEN ");
            revives().sql(" THEN ");
            unknownOnInsert();
            b.sql(" ELSE ");
            unknownAfterUpdate();
            b.sql(" END");
        } else if (column.equals(meta.unknownSincePartition()) || column.equals(meta.unknownSinceOffset())) {
            // Updates never add unknown columns: the position stays while some remain and goes with the last one, so
            // a row whose columns are all known holds none, however its records were folded (a replay changes nothing).
            // A revived row is a new one.
            b.sql("CASE WHEN ");
            revives().sql(" THEN ");
            unknownSince(column);
            b.sql(" WHEN ");
            unknownAfterUpdate();
            b.sql(" IS NULL THEN NULL ELSE ").qualified(t, column).sql(" END");
        } else {
            b.sql("CASE WHEN ");
            takesStaged(column);
            if (staging.valueVersions().containsKey(column)) {
                // A revived row holds what the change carried and NULL elsewhere (the staged NULL).
                b.sql(" OR ");
                revives();
            }
            b.sql(" THEN ");
            staged.accept(b, column);
            b.sql(" ELSE ").qualified(t, column).sql(" END");
        }
    }

    /** The value an insert gives a column it computes (see {@link #computedOnInsert}). */
    private void inserted(String column) {
        if (column.equals(meta.unknown())) {
            unknownOnInsert();
        } else {
            unknownSince(column);
        }
    }

    /** The order guard, s.version >= t.version; a missing version on either side passes (a tombstone; rows not ours). */
    private SqlBuilder guard() {
        return b.sql("COALESCE(").qualified(s, meta.version()).sql(" >= ").qualified(t, meta.version()).sql(", TRUE)");
    }

    /** s.name when the guard passes, else the stored value; COALESCE keeps a stored value where s has none. */
    private SqlBuilder guarded(String name, boolean coalesce) {
        b.sql("CASE WHEN ");
        guard().sql(" THEN ");
        if (coalesce) {
            b.sql("COALESCE(").qualified(s, name).sql(", ").qualified(t, name).sql(")");
        } else {
            b.qualified(s, name);
        }
        return b.sql(" ELSE ").qualified(t, name).sql(" END");
    }

    private void targetDeleted() {
        b.sql("COALESCE(").qualified(t, meta.deleted()).sql(", FALSE)");
    }

    /**
     * A live (not deleted) change that passes the guard writes a new row over the stored one: a delete of the key
     * came before it in this flush, or (soft deletes) the stored row is deleted.
     */
    private SqlBuilder revives() {
        guard().sql(" AND NOT ").qualified(s, meta.deleted()).sql(" AND (").qualified(s, meta.revives());
        if (soft) {
            b.sql(" OR ");
            targetDeleted();
        }
        return b.sql(")");
    }

    /**
     * The staged change reaches past the records that left the stored row's columns unknown, in their Kafka partition:
     * it may fill them whatever its version. A replay of earlier records alone may not (they may belong to a deleted
     * row of the key). A change that folds in both earlier records and later ones carries no value of a deleted row:
     * the buffer drops what came before a delete it folds in, and records of the row's own incarnation before the
     * ones that left it unknown carried no value for these columns, or the row would hold it.
     */
    private SqlBuilder laterInKafka() {
        b.sql("(").qualified(s, meta.unknownSincePartition()).sql(" = ").qualified(t, meta.unknownSincePartition()).sql(" AND ");
        return b.qualified(s, meta.unknownSinceOffset()).sql(" > ").qualified(t, meta.unknownSinceOffset()).sql(")");
    }

    /**
     * Whether the column takes the staged value: the staged row carries it at a version not older than the stored
     * row's, or the stored row lists it as unknown (and, in soft-delete mode, is not deleted).
     */
    private SqlBuilder takesStaged(String column) {
        String from = staging.valueVersions().get(column);
        b.sql("(");
        if (from == null) {
            guard();
        } else {
            b.qualified(s, from).sql(" >= COALESCE(").qualified(t, meta.version()).sql(", ").qualified(s, from).sql(")");
        }
        b.sql(" OR (");
        if (from != null) {
            b.qualified(s, from).sql(" IS NOT NULL AND ");
        } else {
            b.sql("NOT ").qualified(s, meta.deleted()).sql(" AND ");
        }
        if (soft) {
            b.sql("NOT ");
            targetDeleted();
            b.sql(" AND ");
        }
        laterInKafka().sql(" AND POSITION(").nameAsText(",", column, ",").sql(" IN ',' || ").qualified(t, meta.unknown())
                .sql(") > 0))");
        return b;
    }

    /**
     * The stored list without the columns that took a staged value; NULL when none is left. The list is each
     * name quoted, followed by a comma; with a comma in front, every entry is found as ,"name", (inside a quoted
     * name every double quote is doubled, so that text cannot start inside one).
     */
    private void unknownAfterUpdate() {
        // Most rows have no unknown column: spare them the REPLACE chain.
        b.sql("CASE WHEN ").qualified(t, meta.unknown()).sql(" IS NOT NULL THEN NULLIF(SUBSTR(");
        List<Column> data = staging.data();
        data.forEach(column -> b.sql("REPLACE("));
        b.sql("',' || ").qualified(t, meta.unknown());
        for (Column column : data) {
            b.sql(", ").nameAsText(",", column.name(), ",").sql(", CASE WHEN ");
            takesStaged(column.name()).sql(" THEN ',' ELSE ").nameAsText(",", column.name(), ",").sql(" END)");
        }
        b.sql(", 2), '') END");
    }

    /**
     * An inserted or revived row: unknown are the columns the change did not carry (none for a delete kept in soft
     * mode). The buffer keeps no value from before a delete in the change, so every carried value is the new row's.
     */
    private void unknownOnInsert() {
        if (staging.valueVersions().isEmpty()) {
            b.sql("NULL");
            return;
        }
        b.sql("CASE WHEN ").qualified(s, meta.deleted()).sql(" THEN NULL ELSE ");
        unknownList((x, from) -> x.qualified(s, from).sql(" IS NOT NULL"));
        b.sql(" END");
    }

    /**
     * Where an inserted or revived row gets unknown columns, the staged change's Kafka position (its partition, or its
     * last offset); else NULL.
     */
    private void unknownSince(String column) {
        if (staging.valueVersions().isEmpty()) {
            b.sql("NULL");
            return;
        }
        b.sql("CASE WHEN NOT ").qualified(s, meta.deleted()).sql(" AND (");
        b.each(staging.valueVersions().values(), " OR ", (x, from) -> x.qualified(s, from).sql(" IS NULL"));
        b.sql(") THEN ").qualified(s, column).sql(" END");
    }

    /** The list of the value-version columns' data columns for which {@code carried} is not true; NULL when empty. */
    private void unknownList(BiConsumer<SqlBuilder, String> carried) {
        if (staging.valueVersions().isEmpty()) {
            b.sql("NULL");
            return;
        }
        b.sql("NULLIF(");
        b.each(staging.valueVersions().entrySet(), " || ", (x, entry) -> {
            x.sql("CASE WHEN ");
            carried.accept(x, entry.getValue());
            x.sql(" THEN '' ELSE ").nameAsText("", entry.getKey(), ",").sql(" END");
        });
        b.sql(", '')");
    }
}
