package io.tidemark.connect.source.reshape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.debezium.data.Envelope;
import io.tidemark.connect.source.config.DebeziumProperties;
import io.tidemark.connect.source.config.PostgresCdcSourceConfig;
import io.tidemark.connect.source.postgres.PostgresChangeOrigin;

/** Reshaping hand-built Debezium records: the contract, record by record. */
class ChangeEventReshaperTest {

    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA).field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema KEY = SchemaBuilder.struct().name("shop.public.docs.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("shop.public.docs.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("title", Schema.STRING_SCHEMA)
            .field("body", Schema.OPTIONAL_STRING_SCHEMA)
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("nums", SchemaBuilder.array(Schema.OPTIONAL_INT32_SCHEMA).optional().build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).optional().build())
            .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
            .build();
    private static final Envelope ENVELOPE = Envelope.defineSchema().withName("shop.public.docs.Envelope")
            .withRecord(ROW).withSource(SOURCE).build();
    private static final Map<String, String> PARTITION = Map.of("server", "shop");

    private final DebeziumProperties debezium = DebeziumProperties.of(new PostgresCdcSourceConfig(Map.of(
            "database.hostname", "db", "database.dbname", "shop", "database.user", "cdc", "topic.prefix", "shop")));
    private final String placeholder = debezium.unavailableValuePlaceholder();
    private final AtomicInteger snapshotLookups = new AtomicInteger();
    private final Map<String, Boolean> wholeRowDeletes = new HashMap<>();

    @Test
    void anInsertBecomesAFlatRowWithMetadataKeyedByThePrimaryKey() {
        SourceRecord insert = record(ENVELOPE.create(row(1, "a"), source(100L), Instant.now()), 1, 100L);

        SourceRecord out = single(reshaper(true).reshape(List.of(insert)));

        assertThat(out.key()).isSameAs(insert.key());
        assertThat(out.keySchema()).isSameAs(KEY);
        Struct value = (Struct) out.value();
        assertThat(value.getString("title")).isEqualTo("a");
        assertThat(value.getString("__op")).isEqualTo("c");
        assertThat(value.getInt64("__source_ts_ms")).isEqualTo(1_700_000_000_000L);
        assertThat(value.getInt64("__position")).isEqualTo(100L);
        assertThat(value.getBoolean("__deleted")).isFalse();
        assertThat(out.valueSchema().name()).isEqualTo("shop.public.docs.Value");
        assertThat(out.sourcePartition()).isEqualTo(PARTITION);
        assertThat(out.sourceOffset()).isEqualTo(insert.sourceOffset());
        assertThat(out.topic()).isEqualTo("shop.public.docs");
        assertThat(out.headers().lastWithName("tidemark.schema").value()).isEqualTo("public");
        assertThat(out.headers().lastWithName("tidemark.table").value()).isEqualTo("docs");
        assertThat(out.headers().lastWithName("tidemark.unchanged")).isNull();
    }

    @Test
    void anUpdateTurnsEveryFormOfTheUnchangedPlaceholderIntoNullAndListsTheColumns() {
        Struct after = row(1, "b");
        after.put("body", placeholder);
        after.put("blob", ByteBuffer.wrap(placeholder.getBytes()));
        after.put("tags", List.of(placeholder));
        List<Integer> placeholderNumbers = new ArrayList<>();
        for (byte b : placeholder.getBytes()) {
            placeholderNumbers.add((int) b);
        }
        after.put("nums", placeholderNumbers);
        after.put("attrs", Map.of(placeholder, placeholder));
        SourceRecord update = record(ENVELOPE.update(null, after, source(200L), Instant.now()), 1, 200L);

        SourceRecord out = single(reshaper(true).reshape(List.of(update)));
        Struct value = (Struct) out.value();

        for (String column : List.of("body", "blob", "tags", "nums", "attrs")) {
            assertThat(value.get(column)).as(column).isNull();
        }
        assertThat(value.getString("title")).isEqualTo("b");
        assertThat(value.getInt32("qty")).isEqualTo(7);
        assertThat(out.headers().lastWithName("tidemark.unchanged").value())
                .isEqualTo(List.of("body", "blob", "tags", "nums", "attrs"));
    }

    @Test
    void theCreateOfAPrimaryKeyChangeTurnsThePlaceholderIntoNullAndListsTheColumn() {
        Struct after = row(2, "b");
        after.put("body", placeholder);
        SourceRecord create = record(ENVELOPE.create(after, source(250L), Instant.now()), 2, 250L);

        SourceRecord out = single(reshaper(true).reshape(List.of(create)));

        assertThat(((Struct) out.value()).getString("body")).isNull();
        assertThat(((Struct) out.value()).getString("__op")).isEqualTo("c");
        assertThat(out.headers().lastWithName("tidemark.unchanged").value()).isEqualTo(List.of("body"));
    }

    @Test
    void valuesThatOnlyResembleThePlaceholderAreKept() {
        Struct after = row(1, "b");
        after.put("body", "__debezium_unavailable_value");
        after.put("tags", List.of(placeholder, "more"));
        SourceRecord update = record(ENVELOPE.update(null, after, source(200L), Instant.now()), 1, 200L);

        SourceRecord out = single(reshaper(true).reshape(List.of(update)));

        assertThat(((Struct) out.value()).getString("body")).isEqualTo("__debezium_unavailable_value");
        assertThat(((Struct) out.value()).getArray("tags")).hasSize(2);
        assertThat(out.headers().lastWithName("tidemark.unchanged")).isNull();
    }

    @Test
    void aDeleteWithOnlyTheKeyFromTheDatabaseCarriesNullsNotDebeziumsDefaults() {
        wholeRowDeletes.put("docs", false);
        Struct before = row(1, "");
        SourceRecord delete = record(ENVELOPE.delete(before, source(300L), Instant.now()), 1, 300L);

        List<SourceRecord> out = reshaper(true).reshape(List.of(delete));

        assertThat(out).hasSize(2);
        Struct value = (Struct) out.get(0).value();
        assertThat(value.getInt32("id")).isEqualTo(1);
        assertThat(value.getString("title")).isNull();
        assertThat(value.getInt32("qty")).isNull();
        assertThat(value.getString("__op")).isEqualTo("d");
        assertThat(value.getBoolean("__deleted")).isTrue();
        assertThat(value.getInt64("__position")).isEqualTo(300L);

        SourceRecord tombstone = out.get(1);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.key()).isEqualTo(out.get(0).key());
        assertThat(tombstone.sourceOffset()).isEqualTo(delete.sourceOffset());
        assertThat(tombstone.headers().lastWithName("tidemark.table").value()).isEqualTo("docs");
    }

    @Test
    void aTombstoneCarriesItsDeletesPositionAsDecimalTextSoTheSinkCanOrderIt() {
        wholeRowDeletes.put("docs", false);
        SourceRecord delete = record(ENVELOPE.delete(row(1, ""), source(300L), Instant.now()), 1, 300L);

        SourceRecord tombstone = reshaper(true).reshape(List.of(delete)).get(1);

        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.headers().lastWithName("tidemark.position").value()).isEqualTo("300");
    }

    @Test
    void aDeleteWithTheWholeRowKeepsItAndNoTombstoneWhenDisabled() {
        wholeRowDeletes.put("docs", true);
        SourceRecord delete = record(ENVELOPE.delete(row(1, "gone"), source(300L), Instant.now()), 1, 300L);

        SourceRecord out = single(reshaper(false).reshape(List.of(delete)));

        assertThat(((Struct) out.value()).getString("title")).isEqualTo("gone");
        assertThat(((Struct) out.value()).getInt32("qty")).isEqualTo(7);
    }

    @Test
    void snapshotReadsTakeTheSnapshotPosition() {
        List<SourceRecord> batch = List.of(
                record(ENVELOPE.read(row(1, "a"), source(900L), Instant.now()), 1, 900L),
                record(ENVELOPE.read(row(2, "b"), source(900L), Instant.now()), 2, 900L));

        List<SourceRecord> out = reshaper(true).reshape(batch);

        assertThat(out).extracting(record -> ((Struct) record.value()).getInt64("__position")).containsOnly(42L);
        assertThat(out).extracting(record -> ((Struct) record.value()).getString("__op")).containsOnly("r");
        assertThat(snapshotLookups).as("asked per read; SlotRestartPosition caches it").hasValue(2);
    }

    @Test
    void recordsThatAreNotRowChangesPassThroughUntouched() {
        Schema heartbeatSchema = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(PARTITION, Map.of("lsn", 5L), "__debezium-heartbeat.shop", null,
                null, null, heartbeatSchema, new Struct(heartbeatSchema).put("ts_ms", 1L));

        SourceRecord truncate = new SourceRecord(PARTITION, Map.of("lsn", 6L), "shop.public.docs", null, null, null,
                ENVELOPE.schema(), ENVELOPE.truncate(source(6L), Instant.now()));

        assertThat(reshaper(true).reshape(List.of(heartbeat, truncate))).containsExactly(heartbeat, truncate);
        assertThat(reshaper(true).reshape(null)).isNull();
    }

    @Test
    void aRowChangeWithoutKeyFailsNamingTheTable() {
        SourceRecord keyless = new SourceRecord(PARTITION, Map.of("lsn", 1L), "shop.public.docs", null, null, null,
                ENVELOPE.schema(), ENVELOPE.create(row(1, "a"), source(1L), Instant.now()));

        assertThatThrownBy(() -> reshaper(true).reshape(List.of(keyless))).isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Table public.docs has no primary key");
    }

    @Test
    void aColumnNamedLikeTheMetadataIsRefused() {
        Schema row = SchemaBuilder.struct().name("shop.public.docs.Value").field("id", Schema.INT32_SCHEMA)
                .field("__op", Schema.OPTIONAL_STRING_SCHEMA).build();
        Envelope envelope = Envelope.defineSchema().withName("shop.public.docs.Envelope").withRecord(row)
                .withSource(SOURCE).build();
        SourceRecord insert = new SourceRecord(PARTITION, Map.of("lsn", 1L), "shop.public.docs", null, KEY,
                new Struct(KEY).put("id", 1), envelope.schema(),
                envelope.create(new Struct(row).put("id", 1), source(1L), Instant.now()));

        assertThatThrownBy(() -> reshaper(true).reshape(List.of(insert))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("public.docs has a column named __op");
    }

    @Test
    void anIllegalAvroKeyNameIsReplacedAndTheKeyCopied() {
        Schema key = SchemaBuilder.struct().name("shop.public.2024_docs.Key").field("id", Schema.INT32_SCHEMA).build();
        Struct source = source(1L).put("table", "2024_docs");
        SourceRecord insert = new SourceRecord(PARTITION, Map.of("lsn", 1L), "shop.public.2024_docs", null, key,
                new Struct(key).put("id", 5), ENVELOPE.schema(), ENVELOPE.create(row(5, "a"), source, Instant.now()));

        SourceRecord out = single(reshaper(true).reshape(List.of(insert)));

        assertThat(out.keySchema().name()).isEqualTo("shop.public._2024_docs.Key");
        assertThat(((Struct) out.key()).getInt32("id")).isEqualTo(5);
        assertThat(out.valueSchema().name()).isEqualTo("shop.public._2024_docs.Value");
    }

    @Test
    void theValueSchemaIsBuiltOncePerDebeziumSchema() {
        ChangeEventReshaper reshaper = reshaper(true);
        SourceRecord first = single(reshaper.reshape(List.of(
                record(ENVELOPE.create(row(1, "a"), source(1L), Instant.now()), 1, 1L))));
        SourceRecord second = single(reshaper.reshape(List.of(
                record(ENVELOPE.create(row(2, "b"), source(2L), Instant.now()), 2, 2L))));

        assertThat(second.valueSchema()).isSameAs(first.valueSchema());
        assertThat(first.valueSchema().field("title").schema().isOptional()).isTrue();
        assertThat(first.valueSchema().field("id").schema().isOptional()).isFalse();
    }

    private ChangeEventReshaper reshaper(boolean tombstones) {
        return new ChangeEventReshaper("shop", tombstones, new UnchangedToastValues(debezium.asMap()),
                new PostgresChangeOrigin(() -> {
                    snapshotLookups.incrementAndGet();
                    return 42L;
                }),
                (schema, table) -> wholeRowDeletes.getOrDefault(table, false));
    }

    private static SourceRecord record(Struct envelope, int id, long lsn) {
        return new SourceRecord(PARTITION, Map.of("lsn", lsn), "shop.public.docs", null, KEY,
                new Struct(KEY).put("id", id), ENVELOPE.schema(), envelope, null, new ConnectHeaders());
    }

    private static Struct row(int id, String title) {
        return new Struct(ROW).put("id", id).put("title", title).put("qty", 7);
    }

    private static Struct source(Long lsn) {
        return new Struct(SOURCE).put("schema", "public").put("table", "docs").put("ts_ms", 1_700_000_000_000L)
                .put("lsn", lsn);
    }

    private static SourceRecord single(List<SourceRecord> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
