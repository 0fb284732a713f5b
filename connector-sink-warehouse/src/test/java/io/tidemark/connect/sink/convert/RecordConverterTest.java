package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.DeleteMode;
import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.MetadataColumns;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import io.tidemark.connect.sink.testing.ChangeEvents;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordConverterTest {

    private final ChangeEvents events = new ChangeEvents();

    private static RecordConverter converter(PrimaryKeyMode keyMode, List<String> keyFields, WriteMode writeMode, DeleteMode deleteMode,
                                             IdentifierCase identifierCase, String versionField) {
        Identifiers identifiers = new Identifiers("PostgreSQL", 63);
        ConversionRules rules = new ConversionRules(keyMode, keyFields, versionField, writeMode, deleteMode, identifierCase,
                MetadataColumns.spelled(identifierCase));
        return new RecordConverter(rules, new TableNaming(TableNaming.TOPIC_LAST, "analytics", identifierCase, identifiers), identifiers);
    }

    private static RecordConverter merging() {
        return converter(PrimaryKeyMode.RECORD_KEY, List.of(), WriteMode.MERGE, DeleteMode.HARD, IdentifierCase.AS_IS, null);
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    @Test
    void readsOurContractWithItsMetadataAsMetadataNotColumns() {
        RowChange change = merging().convert(events.change("u", 7, "Ada", "ada@example.com", 3, 4242));

        assertThat(change.table()).isEqualTo(new TableId("analytics", "customers"));
        assertThat(names(change.layout().keys())).containsExactly("id");
        assertThat(names(change.layout().data())).containsExactly("name", "email", "score");
        assertThat(change.values()).containsExactly(7L, "Ada", "ada@example.com", 3);
        assertThat(change.version()).isEqualTo(4242L);
        assertThat(change.sourceTsMs()).isEqualTo(1_700_000_004_242L);
        assertThat(change.op()).isEqualTo("u");
        assertThat(change.deleted()).isFalse();
        assertThat(change.unchanged().isEmpty()).isTrue();
    }

    @Test
    void aContractDeleteKeepsEveryDataColumnAsStored() {
        RowChange change = merging().convert(events.delete(7, 50));

        assertThat(change.deleted()).isTrue();
        assertThat(change.version()).isEqualTo(50L);
        assertThat(change.unchanged().stream().toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void aTombstoneDeletesByKeyWithoutAVersion() {
        RowChange change = merging().convert(events.tombstone(7));

        assertThat(change.deleted()).isTrue();
        assertThat(change.version()).isNull();
        assertThat(names(change.layout().columns())).containsExactly("id");
        assertThat(change.values()).containsExactly(7L);
    }

    @Test
    void marksColumnsNamedInTheUnchangedHeader() {
        RowChange change = merging().convert(events.updateWithoutEmail(7, "Ada", 60));

        assertThat(change.unchanged().stream().toArray()).containsExactly(change.layout().indexOf("email"));
    }

    @Test
    void readsDebeziumEnvelopesUsingAfterForUpsertsAndBeforeForDeletes() {
        Schema row = SchemaBuilder.struct().optional().field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema source = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA).field("ts_ms", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().field("before", row).field("after", row).field("source", source)
                .field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
        Struct image = new Struct(row).put("id", 7L).put("name", "Ada");
        Struct upsert = new Struct(envelope).put("after", image).put("op", "c").put("source", new Struct(source).put("lsn", 99L).put("ts_ms", 5L));
        Struct delete = new Struct(envelope).put("before", image).put("op", "d").put("source", new Struct(source).put("lsn", 100L).put("ts_ms", 6L));

        RowChange inserted = merging().convert(events.record(ChangeEvents.key(7), envelope, upsert, new ConnectHeaders()));
        RowChange deleted = merging().convert(events.record(ChangeEvents.key(7), envelope, delete, new ConnectHeaders()));

        assertThat(names(inserted.layout().data())).containsExactly("name");
        assertThat(inserted.values()).containsExactly(7L, "Ada");
        assertThat(inserted.version()).isEqualTo(99L);
        assertThat(inserted.sourceTsMs()).isEqualTo(5L);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isEqualTo(100L);
    }

    @Test
    void ignoresDebeziumTruncateAndMessageEvents() {
        Schema row = SchemaBuilder.struct().optional().field("id", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().field("before", row).field("after", row).field("op", Schema.STRING_SCHEMA).build();

        assertThat(merging().convert(events.record(ChangeEvents.key(7), envelope, new Struct(envelope).put("op", "t"), new ConnectHeaders())))
                .isNull();
    }

    @Test
    void versionsFlatRecordsByKafkaOffsetAndReadsDebeziumUnwrapDeletes() {
        Schema flat = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        events.rewindTo(41);
        RowChange upsert = merging().convert(events.record(ChangeEvents.key(7), flat,
                new Struct(flat).put("id", 7L).put("name", "Ada").put("__deleted", "false"), new ConnectHeaders()));
        RowChange delete = merging().convert(events.record(ChangeEvents.key(7), flat,
                new Struct(flat).put("id", 7L).put("__deleted", "true"), new ConnectHeaders()));

        assertThat(upsert.version()).isEqualTo(41L);
        assertThat(names(upsert.layout().data())).containsExactly("name");
        assertThat(delete.deleted()).isTrue();
        assertThat(delete.version()).isEqualTo(42L);
    }

    @Test
    void takesTheVersionFromAConfiguredField() {
        RecordConverter converter = converter(PrimaryKeyMode.RECORD_KEY, List.of(), WriteMode.MERGE, DeleteMode.HARD, IdentifierCase.AS_IS,
                "score");

        assertThat(converter.convert(events.change("u", 7, "Ada", null, 12, 4242)).version()).isEqualTo(12L);
    }

    @Test
    void keepsSchemalessMapsRawForTheTableToType() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 7L);
        value.put("when", "2024-01-01");
        value.put("__op", "c");
        value.put("__position", 12L);
        SinkRecord record = events.record(null, null, value, new ConnectHeaders());
        RowChange change = merging().convert(record.newRecord(record.topic(), 0, null, Map.of("id", 7L), null, value, null));

        assertThat(change.layout().columns()).containsExactly(new Column("id", ColumnType.SCHEMALESS),
                new Column("when", ColumnType.SCHEMALESS));
        assertThat(change.values()).containsExactly(7L, "2024-01-01");
        assertThat(change.version()).isEqualTo(12L);
    }

    @Test
    void namesAPrimitiveKeyColumnWithPrimaryKeyFields() {
        RecordConverter converter = converter(PrimaryKeyMode.RECORD_KEY, List.of("sku"), WriteMode.MERGE, DeleteMode.HARD,
                IdentifierCase.AS_IS, null);
        SinkRecord record = events.record(null, null, null, new ConnectHeaders());

        RowChange change = converter.convert(record.newRecord(record.topic(), 0, Schema.STRING_SCHEMA, "A-1", null, null, null));

        assertThat(change.layout().keys()).containsExactly(new Column("sku", ColumnType.STRING));
        assertThat(change.values()).containsExactly("A-1");
    }

    @Test
    void refusesAPrimitiveKeyWithoutAColumnName() {
        SinkRecord record = events.record(null, null, null, new ConnectHeaders());
        SinkRecord primitive = record.newRecord(record.topic(), 0, Schema.STRING_SCHEMA, "A-1", null, null, null);

        assertThatThrownBy(() -> merging().convert(primitive)).isInstanceOf(RecordConversionException.class)
                .hasMessageContaining("tm.public.customers/0/0").hasMessageContaining("primary.key.fields");
    }

    @Test
    void takesKeyColumnsFromTheValueInRecordValueMode() {
        RecordConverter converter = converter(PrimaryKeyMode.RECORD_VALUE, List.of("name", "id"), WriteMode.MERGE, DeleteMode.HARD,
                IdentifierCase.AS_IS, null);

        RowChange change = converter.convert(events.insert(7, "Ada", 1));

        assertThat(names(change.layout().keys())).containsExactly("name", "id");
        assertThat(names(change.layout().data())).containsExactly("email", "score");
        assertThat(converter.convert(events.tombstone(7))).as("a tombstone has no value to take the key from").isNull();
    }

    @Test
    void appendsWithoutKeysAndSkipsTombstonesAndIgnoredDeletes() {
        RecordConverter converter = converter(PrimaryKeyMode.NONE, List.of(), WriteMode.APPEND, DeleteMode.NONE, IdentifierCase.AS_IS, null);

        assertThat(converter.convert(events.insert(7, "Ada", 1)).layout().keys()).isEmpty();
        assertThat(converter.convert(events.delete(7, 2))).isNull();
        assertThat(converter.convert(events.tombstone(7))).isNull();
    }

    @Test
    void spellsNamesWithTheIdentifierCase() {
        RecordConverter converter = converter(PrimaryKeyMode.RECORD_KEY, List.of(), WriteMode.MERGE, DeleteMode.HARD, IdentifierCase.UPPER,
                null);

        RowChange change = converter.convert(events.updateWithoutEmail(7, "Ada", 1));

        assertThat(change.table()).isEqualTo(new TableId("ANALYTICS", "CUSTOMERS"));
        assertThat(names(change.layout().columns())).containsExactly("ID", "NAME", "EMAIL", "SCORE");
        assertThat(change.unchanged().stream().toArray()).containsExactly(2);
    }

    @Test
    void refusesAFieldThatWouldOverwriteAMetadataColumn() {
        Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("__version", Schema.INT64_SCHEMA).build();

        assertThatThrownBy(() -> merging().convert(events.record(ChangeEvents.key(7), value,
                new Struct(value).put("id", 7L).put("__version", 1L), new ConnectHeaders())))
                .isInstanceOf(RecordConversionException.class).hasMessageContaining("__version").hasMessageContaining("reserves");
    }

    @Test
    void namesTheRecordByItsOriginalCoordinatesWhenItHasNoKey() {
        SinkRecord keyless = events.record(null, ChangeEvents.VALUE, events.insert(7, "Ada", 1).value(), new ConnectHeaders());
        SinkRecord renamed = keyless.newRecord("renamed-by-an-smt", 0, null, null, keyless.valueSchema(), keyless.value(), null);

        assertThatThrownBy(() -> merging().convert(renamed)).isInstanceOf(RecordConversionException.class)
                .hasMessage("Record tm.public.customers/0/1 cannot be written: it has no key, and primary.key.mode=record_key needs one"
                        + " (use primary.key.mode=record_value with primary.key.fields for unkeyed topics)")
                .satisfies(e -> assertThat(((RecordConversionException) e).coordinates())
                        .isEqualTo(new KafkaCoordinates(ChangeEvents.TOPIC, 0, 1)));
    }

    @Test
    void refusesATableNameLongerThanTheDatabaseKeeps() {
        ChangeEvents longTopic = new ChangeEvents("tm.public." + "x".repeat(70), 0);

        assertThatThrownBy(() -> merging().convert(longTopic.insert(1, "Ada", 1))).isInstanceOf(RecordConversionException.class)
                .hasMessageContaining("70 bytes long").hasMessageContaining("table.name.format");
    }
}
