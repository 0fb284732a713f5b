package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.ColumnType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Connect and Debezium type: its neutral column type and its canonical value. */
class ConnectValuesTest {

    private static final ConnectValues VALUES = new ConnectValues();
    private static final Schema VARIABLE_SCALE = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
    private static final Schema POINT = SchemaBuilder.struct().field("x", Schema.FLOAT64_SCHEMA).field("y", Schema.FLOAT64_SCHEMA).build();

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of(Schema.BOOLEAN_SCHEMA, true, ColumnType.BOOLEAN, true),
                Arguments.of(Schema.INT8_SCHEMA, (byte) 8, ColumnType.INT8, (byte) 8),
                Arguments.of(Schema.INT16_SCHEMA, (short) 16, ColumnType.INT16, (short) 16),
                Arguments.of(Schema.INT32_SCHEMA, 32, ColumnType.INT32, 32),
                Arguments.of(Schema.INT64_SCHEMA, 64L, ColumnType.INT64, 64L),
                Arguments.of(Schema.FLOAT32_SCHEMA, 1.5f, ColumnType.FLOAT32, 1.5f),
                Arguments.of(Schema.FLOAT64_SCHEMA, 2.5, ColumnType.FLOAT64, 2.5),
                Arguments.of(Schema.STRING_SCHEMA, "text", ColumnType.STRING, "text"),
                Arguments.of(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2}), ColumnType.BYTES, new byte[] {1, 2}),
                Arguments.of(Decimal.builder(2).parameter("connect.decimal.precision", "10").build(), new BigDecimal("12.34"),
                        ColumnType.decimal(10, 2), new BigDecimal("12.34")),
                Arguments.of(Decimal.schema(3), new BigDecimal("1.234"), ColumnType.decimal(ColumnType.UNBOUNDED, 3), new BigDecimal("1.234")),
                Arguments.of(Date.SCHEMA, new java.util.Date(86_400_000L * 19_000), ColumnType.DATE, LocalDate.ofEpochDay(19_000)),
                Arguments.of(Time.SCHEMA, new java.util.Date(3_723_004L), ColumnType.TIME, LocalTime.of(1, 2, 3, 4_000_000)),
                Arguments.of(Timestamp.SCHEMA, new java.util.Date(1_700_000_000_123L), ColumnType.TIMESTAMP,
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_000_000)),
                Arguments.of(named(Schema.INT32_SCHEMA, "io.debezium.time.Date"), 19_000, ColumnType.DATE, LocalDate.ofEpochDay(19_000)),
                Arguments.of(named(Schema.INT32_SCHEMA, "io.debezium.time.Time"), 3_723_004, ColumnType.TIME, LocalTime.of(1, 2, 3, 4_000_000)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTime"), 3_723_000_005L, ColumnType.TIME,
                        LocalTime.of(1, 2, 3, 5_000)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.NanoTime"), 3_723_000_000_006L, ColumnType.TIME,
                        LocalTime.of(1, 2, 3, 6)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.Timestamp"), 1_700_000_000_123L, ColumnType.TIMESTAMP,
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_000_000)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"), 1_700_000_000_123_456L, ColumnType.TIMESTAMP,
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.MicroTimestamp"), -1L, ColumnType.TIMESTAMP,
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
                Arguments.of(named(Schema.INT64_SCHEMA, "io.debezium.time.NanoTimestamp"), 1_700_000_000_123_456_789L, ColumnType.TIMESTAMP,
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_789)),
                Arguments.of(named(Schema.STRING_SCHEMA, "io.debezium.time.ZonedTimestamp"), "2024-03-01T10:15:30.5+02:00",
                        ColumnType.TIMESTAMPTZ, OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(2))),
                Arguments.of(named(Schema.STRING_SCHEMA, "io.debezium.data.Json"), "{\"a\": 1}", ColumnType.JSON, "{\"a\": 1}"),
                Arguments.of(named(Schema.STRING_SCHEMA, "io.debezium.data.Uuid"), "1b4e28ba-2fa1-11d2-883f-0016d3cca427", ColumnType.UUID,
                        UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427")),
                Arguments.of(named(Schema.STRING_SCHEMA, "io.debezium.data.Enum"), "gold", ColumnType.STRING, "gold"),
                Arguments.of(VARIABLE_SCALE, new Struct(VARIABLE_SCALE).put("scale", 3).put("value", BigInteger.valueOf(-12345).toByteArray()),
                        ColumnType.decimal(ColumnType.UNBOUNDED, ColumnType.UNBOUNDED), new BigDecimal("-12.345")),
                Arguments.of(SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of(1, 2), ColumnType.JSON, "[1,2]"),
                Arguments.of(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), Map.of("a", 1), ColumnType.JSON,
                        "{\"a\":1}"),
                Arguments.of(POINT, new Struct(POINT).put("x", 1.0).put("y", 2.0), ColumnType.JSON, "{\"x\":1.0,\"y\":2.0}"));
    }

    private static Schema named(Schema base, String name) {
        return new SchemaBuilder(base.type()).name(name).build();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("mappings")
    void mapsEachConnectTypeToItsColumnTypeAndCanonicalValue(Schema schema, Object value, ColumnType type, Object canonical) {
        assertThat(VALUES.columnType(schema)).isEqualTo(type);
        assertThat(VALUES.canonical(value, schema, type)).isEqualTo(canonical);
    }
}
