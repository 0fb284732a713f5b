package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.changesOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.debezium.data.VariableScaleDecimal;
import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.SourceConfigs;
import io.tidemark.connect.source.testing.TaskRunner;
import io.tidemark.connect.source.testing.ValidationErrors;

/**
 * Values PostgreSQL accepts that Debezium alone drops, alters or fails on arrive exactly, in the snapshot
 * and in the stream alike: rows 1-4 are read by the snapshot, rows 101-104 (the same values) streamed.
 */
class ExactValuesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "exact.public.exact_values";
    private static final String COLUMNS = "(id INT PRIMARY KEY, pt POINT NOT NULL, bx BOX, ci CIRCLE, li LINE, "
            + "ls LSEG, pa PATH, pg POLYGON, tq TSQUERY, n NUMERIC, n2 NUMERIC(6,2), dt DATE, iv INTERVAL, "
            + "b1 BIT, b4 BIT(4), vb VARBIT, vb8 BIT VARYING(8), lsn PG_LSN, ip INET, ch CHAR(3), js JSON, mo MONEY, "
            + "r INT4RANGE, ia INT[], da DATE[], na NUMERIC[])";
    /** Rows by id modulo 100: the values each row holds. */
    private static final List<String> VALUES = List.of(
            "1, '(1,2)', '(1,1),(0,0)', '<(1,2),3>', '{1,2,3}', '[(0,0),(1,1)]', '[(0,0),(1,1),(2,0)]', "
                    + "'((0,0),(1,1),(2,0))', 'cat & (dog | !mouse)', 'NaN', 'NaN', 'infinity', '-178000000 years', "
                    + "'1', '0001', '', '10110', '16/B374D848', '::1', 'a', '{\"b\": 1,  \"a\": [2.50]}', "
                    + "'-92233720368547758.08', '[1,10)', '{{1,2},{3,NULL}}', '{2024-02-29,infinity,\"4713-01-01 BC\"}', "
                    + "'{1.5,NaN}'",
            "2, '(0.1,1e20)', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'Infinity', 1.5, '-infinity', "
                    + "'1 mon 2 days 00:00:01.5', "
                    + "'0', '1000', '1', '00000000', '0/0', '192.168.0.1/24', 'abc', 'null', 12.34, 'empty', '{}', NULL, NULL",
            "3, '(0,0)', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-Infinity', 9999.99, '4713-01-01 BC', '-1 day', "
                    + "NULL, NULL, NULL, NULL, 'FFFFFFFF/FFFFFFFF', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL",
            "4, '(0,0)', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1e-20, -9999.99, '10000-01-01', NULL, "
                    + "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL");

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    private static final Map<Integer, SourceRecord> byId = new HashMap<>();

    @BeforeAll
    static void captureSnapshotAndStream() throws Exception {
        server.execute("CREATE TABLE public.exact_values " + COLUMNS);
        VALUES.forEach(row -> server.execute("INSERT INTO public.exact_values VALUES (" + row + ")"));
        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(),
                SourceConfigs.capturing(server, "exact", "public.exact_values"), TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 4, TIMEOUT, "the snapshot");
            VALUES.forEach(row -> server.execute("INSERT INTO public.exact_values VALUES (10" + row + ")"));
            runner.pollUntil(records -> changesOn(records, TOPIC).size() == 8, TIMEOUT, "the streamed rows");
            changesOn(runner.received(), TOPIC).forEach(record ->
                    byId.put(((Struct) record.value()).getInt32("id"), record));
        }
    }

    @Test
    void aNotNullPointColumnArrivesAsItsPostgresText() {
        for (int id : new int[] {2, 102}) {
            assertThat(value(id).getString("pt")).as("row " + id).isEqualTo("(0.1,1e+20)");
            assertThat(sourceType(value(id), "pt")).isEqualTo("point");
        }
    }

    @Test
    void typesDebeziumGivesAsPlainTextCarryTheirSourceTypeAndCharKeepsItsPadding() {
        for (int offset : new int[] {0, 100}) {
            Struct value = value(1 + offset);
            assertThat(value.getString("ip")).as("inet of row " + (1 + offset)).isEqualTo("::1");
            assertThat(sourceType(value, "ip")).isEqualTo("inet");
            assertThat(value.getString("ch")).isEqualTo("a  ");
            assertThat(sourceType(value, "ch")).isEqualTo("character(3)");
            assertThat(value.getString("r")).isEqualTo("[1,10)");
            assertThat(sourceType(value, "r")).isEqualTo("int4range");
            assertThat(value(2 + offset).getString("ip")).isEqualTo("192.168.0.1/24");
            assertThat(value(2 + offset).getString("r")).isEqualTo("empty");
        }
    }

    @Test
    void arraysArriveAsTheirPostgresTextWithEveryDimensionAndElement() {
        for (int offset : new int[] {0, 100}) {
            Struct value = value(1 + offset);
            assertThat(value.getString("ia")).as("int[] of row " + (1 + offset)).isEqualTo("{{1,2},{3,NULL}}");
            assertThat(sourceType(value, "ia")).isEqualTo("integer[]");
            assertThat(value.getString("da")).isEqualTo("{2024-02-29,infinity,\"4713-01-01 BC\"}");
            assertThat(sourceType(value, "da")).isEqualTo("date[]");
            assertThat(value.getString("na")).isEqualTo("{1.5,NaN}");
            assertThat(sourceType(value, "na")).isEqualTo("numeric[]");
            assertThat(value(2 + offset).getString("ia")).isEqualTo("{}");
        }
    }

    @Test
    void jsonKeepsItsTextAsWrittenAndMoneyItsAmount() {
        for (int offset : new int[] {0, 100}) {
            Struct value = value(1 + offset);
            assertThat(value.getString("js")).as("json of row " + (1 + offset)).isEqualTo("{\"b\": 1,  \"a\": [2.50]}");
            assertThat(value.schema().field("js").schema().name()).isEqualTo("io.debezium.data.Json");
            assertThat(sourceType(value, "js")).isEqualTo("json");
            assertThat(value.get("mo")).isEqualTo(new BigDecimal("-92233720368547758.08"));
            assertThat(sourceType(value, "mo")).isEqualTo("money");
            assertThat(value(2 + offset).get("mo")).isEqualTo(new BigDecimal("12.34"));
            assertThat(value(2 + offset).getString("js")).isEqualTo("null");
        }
    }

    @Test
    void geometricTypesAndTsqueryArriveAsTheirPostgresText() {
        for (int id : new int[] {1, 101}) {
            Struct value = value(id);
            assertThat(value.getString("bx")).as("box of row " + id).isEqualTo("(1,1),(0,0)");
            assertThat(value.getString("ci")).isEqualTo("<(1,2),3>");
            assertThat(value.getString("li")).isEqualTo("{1,2,3}");
            assertThat(value.getString("ls")).isEqualTo("[(0,0),(1,1)]");
            assertThat(value.getString("pa")).isEqualTo("[(0,0),(1,1),(2,0)]");
            assertThat(value.getString("pg")).isEqualTo("((0,0),(1,1),(2,0))");
            assertThat(value.getString("tq")).as("tsquery of row " + id).isEqualTo("'cat' & ( 'dog' | !'mouse' )");
            assertThat(value.schema().field("bx").schema().name()).isEqualTo("io.tidemark.data.PostgresText");
            assertThat(value.schema().field("bx").schema().parameters()).containsEntry("tidemark.source.type", "box");
            assertThat(value.schema().field("tq").schema().parameters())
                    .containsEntry("tidemark.source.type", "tsquery");
        }
    }

    @Test
    void bitStringsArriveAsTheirDigitsWithTheDeclaredType() {
        for (int offset : new int[] {0, 100}) {
            Struct value = value(1 + offset);
            assertThat(value.getString("b1")).as("bit of row " + (1 + offset)).isEqualTo("1");
            assertThat(value.getString("b4")).isEqualTo("0001");
            assertThat(value.getString("vb")).as("empty bit varying").isEmpty();
            assertThat(value.getString("vb8")).isEqualTo("10110");
            Struct second = value(2 + offset);
            assertThat(second.getString("b1")).isEqualTo("0");
            assertThat(second.getString("b4")).isEqualTo("1000");
            assertThat(second.getString("vb")).isEqualTo("1");
            assertThat(second.getString("vb8")).isEqualTo("00000000");
            assertThat(value(3 + offset).get("b4")).isNull();
            assertThat(sourceType(value, "b1")).isEqualTo("bit(1)");
            assertThat(sourceType(value, "b4")).isEqualTo("bit(4)");
            assertThat(sourceType(value, "vb")).isEqualTo("bit varying");
            assertThat(sourceType(value, "vb8")).isEqualTo("bit varying(8)");
            assertThat(value.schema().field("b4").schema().name()).isEqualTo("io.tidemark.data.PostgresText");
        }
    }

    @Test
    void logSequenceNumbersArriveAsTheirText() {
        for (int offset : new int[] {0, 100}) {
            assertThat(value(1 + offset).getString("lsn")).as("row " + (1 + offset)).isEqualTo("16/B374D848");
            assertThat(value(2 + offset).getString("lsn")).isEqualTo("0/0");
            assertThat(value(3 + offset).getString("lsn")).isEqualTo("FFFFFFFF/FFFFFFFF");
            assertThat(value(4 + offset).get("lsn")).isNull();
            assertThat(sourceType(value(1 + offset), "lsn")).isEqualTo("pg_lsn");
        }
    }

    private static String sourceType(Struct value, String field) {
        return value.schema().field(field).schema().parameters().get("tidemark.source.type");
    }

    @Test
    void numericNanAndInfinitiesArriveAsNullWithTheirTextInTheSpecialHeader() {
        for (int offset : new int[] {0, 100}) {
            assertThat(special(1 + offset)).isEqualTo(Map.of("n", "NaN", "n2", "NaN"));
            assertThat(special(2 + offset)).isEqualTo(Map.of("n", "Infinity"));
            assertThat(special(3 + offset)).isEqualTo(Map.of("n", "-Infinity"));
            assertThat(special(4 + offset)).isNull();
            assertThat(value(1 + offset).get("n")).isNull();
            assertThat(value(1 + offset).get("n2")).isNull();
            assertThat(value(2 + offset).get("n2")).isEqualTo(new BigDecimal("1.50"));
            assertThat(value(3 + offset).get("n2")).isEqualTo(new BigDecimal("9999.99"));
            assertThat(VariableScaleDecimal.toLogical(value(4 + offset).getStruct("n")).getDecimalValue())
                    .contains(new BigDecimal("0.00000000000000000001"));
        }
    }

    @Test
    void infiniteAndBeforeChristDatesArriveAsDocumentedDayNumbersInSnapshotAndStream() {
        for (int offset : new int[] {0, 100}) {
            assertThat(value(1 + offset).getInt32("dt")).as("infinity").isEqualTo(Integer.MAX_VALUE);
            assertThat(value(2 + offset).getInt32("dt")).as("-infinity").isEqualTo(Integer.MIN_VALUE);
            // SELECT '4713-01-01 BC'::date - '1970-01-01'::date
            assertThat(value(3 + offset).getInt32("dt")).as("4713-01-01 BC").isEqualTo(-2_440_550);
            assertThat(value(4 + offset).getInt32("dt")).as("10000-01-01").isEqualTo(2_932_897);
        }
    }

    @Test
    void intervalsArriveAsIsoTextWithoutSaturationOrThirtyDayMonths() {
        for (int offset : new int[] {0, 100}) {
            assertThat(value(1 + offset).getString("iv")).isEqualTo("P-178000000Y0M0DT0H0M0S");
            assertThat(value(2 + offset).getString("iv")).isEqualTo("P0Y1M2DT0H0M1.5S");
            assertThat(value(3 + offset).getString("iv")).isEqualTo("P0Y0M-1DT0H0M0S");
        }
    }

    @Test
    void twoColumnsWithOneFieldNameAreRefusedAtStartAndByValidateNamingTheTableAndBothColumns() {
        server.execute("CREATE TABLE public.clashing (id INT PRIMARY KEY, \"a-b\" INT, a_b INT)");
        Map<String, String> config = SourceConfigs.capturing(server, "clash", "public.clashing");
        String expected = "Table public.clashing has the columns \"a-b\" and \"a_b\", which both become the field "
                + "name a_b";
        assertThat(ValidationErrors.of(new PostgresCdcSourceConnector().validate(config)).get("table.include.list"))
                .anySatisfy(message -> assertThat(message).startsWith(expected));
        PostgresCdcSourceTask task = new PostgresCdcSourceTask();
        assertThatThrownBy(() -> new TaskRunner(task, config, TaskRunner.newOffsetStore()).start())
                .isInstanceOf(ConnectException.class).hasMessageStartingWith(expected);
        task.stop();

        Map<String, String> excluding = new HashMap<>(config);
        excluding.put("debezium.column.exclude.list", "public.clashing.a-b");
        assertThat(ValidationErrors.of(new PostgresCdcSourceConnector().validate(excluding))).isEmpty();
    }

    private static Struct value(int id) {
        assertThat(byId).as("captured rows").containsKey(id);
        return (Struct) byId.get(id).value();
    }

    private static Object special(int id) {
        value(id);
        Header header = byId.get(id).headers().lastWithName("tidemark.special");
        return header == null ? null : header.value();
    }
}
