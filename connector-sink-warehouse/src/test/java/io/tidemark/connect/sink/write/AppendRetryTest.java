package io.tidemark.connect.sink.write;

import io.tidemark.connect.sink.convert.ConversionRules;
import io.tidemark.connect.sink.convert.PrimaryKeyMode;
import io.tidemark.connect.sink.convert.RecordConverter;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.TableNaming;
import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.dialect.duckdb.DuckDbDialect;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flush whose commit reached the database but whose acknowledgement did not looks failed, and the
 * task writes the same rows again: the stored offsets keep them from being appended twice.
 */
class AppendRetryTest {

    @TempDir
    Path directory;

    @Test
    void writingAnAppendBatchAgainAddsNothing() throws Exception {
        DuckDbWarehouse warehouse = new DuckDbWarehouse(directory);
        DuckDbDialect dialect = new DuckDbDialect();
        MetadataColumns meta = MetadataColumns.spelled(IdentifierCase.AS_IS);
        RecordConverter converter = new RecordConverter(new ConversionRules(PrimaryKeyMode.RECORD_KEY, List.of(), null, WriteMode.APPEND,
                DeleteMode.NONE, IdentifierCase.AS_IS, meta),
                new TableNaming(TableNaming.TOPIC_LAST, null, IdentifierCase.AS_IS, dialect.identifiers()), dialect.identifiers());
        ChangeEvents events = new ChangeEvents();
        List<RowChange> first = List.of(converter.convert(events.insert(1, "Ada", 10)), converter.convert(events.insert(2, "Grace", 11)));
        RowChange third = converter.convert(events.insert(3, "Edsger", 12));
        TableId customers = new TableId(null, "customers");

        try (WarehouseWriter writer = new WarehouseWriter(dialect, new ConnectionSettings(warehouse.url(), null, null, 10),
                new WarehouseWriter.Settings(WriteMode.APPEND, DeleteMode.NONE, true, true, meta, OffsetTable.in(null, IdentifierCase.AS_IS),
                        "append-retry"))) {
            assertThat(writer.write(customers, first).inserted()).isEqualTo(2);
            FlushResult retried = writer.write(customers, List.of(first.get(0), first.get(1), third));

            assertThat(retried.inserted()).isEqualTo(1);
        }
        assertThat(warehouse.query("SELECT id FROM customers ORDER BY id")).containsExactly(List.of("1"), List.of("2"), List.of("3"));
    }
}
