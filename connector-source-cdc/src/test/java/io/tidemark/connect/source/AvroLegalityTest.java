package io.tidemark.connect.source;

import static io.tidemark.connect.source.testing.Records.header;
import static io.tidemark.connect.source.testing.Records.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.AvroSchemaCheck;
import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.TaskRunner;

/**
 * Every schema the connector emits converts to Avro, whatever the database calls its schemas,
 * tables and columns, and for every column type a warehouse table typically has.
 */
class AvroLegalityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void oddNamesAndEveryCommonTypeGiveLegalAvroSchemas() throws Exception {
        server.execute("CREATE EXTENSION hstore",
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE SCHEMA \"Sales-2024\"",
                "CREATE TABLE \"Sales-2024\".\"1st order\" ("
                        + "\"order id\" BIGINT PRIMARY KEY, \"first name\" TEXT, \"e-mail\" VARCHAR(200), "
                        + "\"1col\" INT, \"Ünïcode\" TEXT, "
                        + "small SMALLINT, big BIGINT, real_v REAL, double_v DOUBLE PRECISION, "
                        + "exact NUMERIC(12,3), loose NUMERIC, money_v MONEY, flag BOOLEAN, "
                        + "uid UUID, doc JSONB, js JSON, x XML, tags TEXT[], nums INT[], attrs HSTORE, feeling mood, "
                        + "born DATE, at_time TIME, at_tz TIMETZ, ts TIMESTAMP, tstz TIMESTAMPTZ, span INTERVAL, "
                        + "ip INET, net CIDR, mac MACADDR, bits BIT VARYING(8), blob BYTEA, spot POINT, "
                        + "r INT4RANGE, word CHAR(3))",
                "INSERT INTO \"Sales-2024\".\"1st order\" VALUES (1, 'Ada', 'a@b.c', 1, 'x', 1, 2, 1.5, 2.5, "
                        + "1.234, 3.14159, 9.99, true, gen_random_uuid(), '{\"k\": 1}', '{\"k\": 2}', '<a/>', "
                        + "ARRAY['a','b'], ARRAY[1,2], 'k=>v', 'ok', '2024-01-31', '12:00', '12:00+02', "
                        + "'2024-01-31 12:00', '2024-01-31 12:00+00', '1 day', '10.0.0.1', '10.0.0.0/8', "
                        + "'08:00:2b:01:02:03', B'101', '\\x0102', '(1,2)', '[1,5)', 'abc')");
        Map<String, String> config = new HashMap<>(server.connectionConfig());
        config.put("name", "odd-names");
        config.put("topic.prefix", "tidemark-test.v1");
        config.put("slot.name", "odd_names");
        config.put("publication.name", "odd_names");
        config.put("table.include.list", "Sales-2024\\.1st order");
        String topic = "tidemark-test.v1.Sales-2024.1st_order";

        try (TaskRunner runner = new TaskRunner(new PostgresCdcSourceTask(), config,
                TaskRunner.newOffsetStore()).start()) {
            runner.pollUntil(records -> records.stream().anyMatch(r -> topic.equals(r.topic())), TIMEOUT,
                    "the snapshot");
            server.execute("UPDATE \"Sales-2024\".\"1st order\" SET \"first name\" = 'Grace' WHERE \"order id\" = 1",
                    "DELETE FROM \"Sales-2024\".\"1st order\"");
            List<SourceRecord> records = runner.pollUntil(received -> received.stream()
                    .filter(r -> topic.equals(r.topic())).count() == 4, TIMEOUT, "update, delete, tombstone");

            Set<Schema> schemas = new LinkedHashSet<>();
            for (SourceRecord record : records) {
                schemas.add(record.keySchema());
                if (record.valueSchema() != null) {
                    schemas.add(record.valueSchema());
                }
            }
            schemas.forEach(AvroSchemaCheck::assertAvroLegal);

            SourceRecord snapshot = records.stream().filter(r -> topic.equals(r.topic())).findFirst().orElseThrow();
            assertThat(op(snapshot)).isEqualTo("r");
            assertThat(snapshot.valueSchema().name()).isEqualTo("tidemark_test.v1.Sales_2024._1st_order.Value");
            assertThat(snapshot.keySchema().name()).isEqualTo("tidemark_test.v1.Sales_2024._1st_order.Key");
            assertThat(snapshot.keySchema().fields()).extracting(field -> field.name()).containsExactly("order_id");
            assertThat(snapshot.valueSchema().fields()).extracting(field -> field.name())
                    .startsWith("order_id", "first_name", "e_mail", "_1col", "_n_code");
            assertThat(header(snapshot, "tidemark.schema")).isEqualTo("Sales-2024");
            assertThat(header(snapshot, "tidemark.table")).isEqualTo("1st order");
        }
    }

    @Test
    void theCheckRejectsNamesAvroRejects() {
        Schema leadingDigitPart = SchemaBuilder.struct().name("prefix.public.2024_orders.Value")
                .field("id", Schema.INT32_SCHEMA).build();
        Schema dashInField = SchemaBuilder.struct().name("prefix.public.orders.Value")
                .field("e-mail", Schema.STRING_SCHEMA).build();

        assertThatThrownBy(() -> AvroSchemaCheck.assertAvroLegal(leadingDigitPart))
                .hasMessageContaining("2024_orders");
        assertThatThrownBy(() -> AvroSchemaCheck.assertAvroLegal(dashInField)).hasMessageContaining("e-mail");
    }
}
