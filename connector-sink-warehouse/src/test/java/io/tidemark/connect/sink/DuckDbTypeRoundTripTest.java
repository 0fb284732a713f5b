package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Every mapping through a real DuckDB database file. */
class DuckDbTypeRoundTripTest extends TypeRoundTripScenarios {

    @TempDir
    Path directory;

    @Override
    protected TestWarehouse newWarehouse() {
        return new DuckDbWarehouse(directory);
    }

    @Override
    String expectedType(Mapping mapping) {
        return mapping.duckDbType();
    }

    @Override
    String expectedText(Mapping mapping) {
        return mapping.duckDbText();
    }

    /** A DuckDB list has one dimension: a two-dimensional array is refused to the dead-letter queue, naming the column. */
    @org.junit.jupiter.api.Test
    void aTwoDimensionalArrayIsRefusedForAListColumnNamingTheColumn() throws Exception {
        org.apache.kafka.connect.data.Schema schema = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .field("id", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
                .field("readings", new org.apache.kafka.connect.data.SchemaBuilder(org.apache.kafka.connect.data.Schema.Type.STRING)
                        .name("io.tidemark.data.PostgresText").parameter("tidemark.source.type", "integer[]").optional().build())
                .build();
        io.tidemark.connect.sink.testing.ChangeEvents events = new io.tidemark.connect.sink.testing.ChangeEvents("tm.public.lists", 0);
        io.tidemark.connect.sink.testing.SinkHarness sink = register(new io.tidemark.connect.sink.testing.SinkHarness(config(), true,
                new org.apache.kafka.common.TopicPartition("tm.public.lists", 0)));
        sink.put(events.record(io.tidemark.connect.sink.testing.ChangeEvents.key(1), schema,
                        new org.apache.kafka.connect.data.Struct(schema).put("id", 1L).put("readings", "{1,2}"),
                        new org.apache.kafka.connect.header.ConnectHeaders()),
                events.record(io.tidemark.connect.sink.testing.ChangeEvents.key(2), schema,
                        new org.apache.kafka.connect.data.Struct(schema).put("id", 2L).put("readings", "{{1,2},{3,4}}"),
                        new org.apache.kafka.connect.header.ConnectHeaders()));
        sink.settle();

        org.assertj.core.api.Assertions.assertThat(warehouse.query("SELECT \"id\", CAST(\"readings\" AS VARCHAR) FROM "
                + warehouse.table("lists"))).containsExactly(java.util.List.of("1", "[1, 2]"));
        org.assertj.core.api.Assertions.assertThat(sink.context().reported()).hasSize(1);
        org.assertj.core.api.Assertions.assertThat(sink.context().reported().get(0).error().getMessage())
                .contains("tm.public.lists/0/1").contains("DuckDB column readings of type INTEGER[]")
                .contains("more than one dimension");
    }
}
