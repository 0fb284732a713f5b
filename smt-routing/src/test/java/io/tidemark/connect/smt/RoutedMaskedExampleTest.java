package io.tidemark.connect.smt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SMT chain of config-examples/source-postgres-cdc-routed-masked.json, configured as a worker would (secrets
 * resolved by Kafka's FileConfigProvider, predicates gating transforms) and run over records shaped like the CDC
 * source's. Only the secrets file's path is changed.
 */
class RoutedMaskedExampleTest {

    private static final Path EXAMPLE = Path.of("..", "config-examples", "source-postgres-cdc-routed-masked.json");
    private static final String SECRETS = "/etc/tidemark/secrets.properties";
    private static final String HMAC_SECRET = "example-test-secret-0123456789abcdef";

    private static final Schema CUSTOMER = SchemaBuilder.struct().name("shop.public.customers.Value")
            .field("id", Schema.INT64_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("phone", Schema.OPTIONAL_STRING_SCHEMA).field("card_number", Schema.OPTIONAL_STRING_SCHEMA)
            .field("__op", Schema.STRING_SCHEMA).field("__position", Schema.INT64_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct().name("shop.public.orders.Value")
            .field("id", Schema.INT64_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("__op", Schema.STRING_SCHEMA).build();

    @TempDir
    Path dir;

    @Test
    void masksCustomersAndRoutesEveryTableToItsWarehouseTopic() throws IOException {
        List<Stage> chain = chain(resolvedConfig());
        Struct customer = new Struct(CUSTOMER).put("id", 1L).put("email", "alice@example.com")
                .put("phone", "+33612345678").put("card_number", "4111111111111111").put("__op", "c")
                .put("__position", 42L);

        SourceRecord out = run(chain, record("customers", CUSTOMER, customer));

        Struct value = (Struct) out.value();
        assertThat(out.topic()).isEqualTo("warehouse.public.customers");
        assertThat(value.getString("email")).startsWith("em_").hasSize(3 + 64).doesNotContain("alice");
        assertThat(value.getString("phone")).isEqualTo("+33*******78");
        assertThat(value.getString("card_number")).isEqualTo("************1111");
        assertThat(value.getString("__op")).isEqualTo("c");
        assertThat(value.getInt64("__position")).isEqualTo(42L);
        assertThat(((Struct) run(chain(resolvedConfig()), record("customers", CUSTOMER, customer)).value())
                .getString("email")).as("same pseudonym after a restart").isEqualTo(value.getString("email"));
    }

    @Test
    void leavesTablesOutsideThePredicateUnmaskedButRoutesThem() throws IOException {
        Struct order = new Struct(ORDER).put("id", 9L).put("email", "ops@example.com").put("__op", "c");

        SourceRecord out = run(chain(resolvedConfig()), record("orders", ORDER, order));

        assertThat(out.topic()).isEqualTo("warehouse.public.orders");
        assertThat(((Struct) out.value()).getString("email")).isEqualTo("ops@example.com");
    }

    @Test
    void leavesRecordsThatAreNoRowChangesOnTheirTopic() throws IOException {
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.shop", null, null, null,
                Schema.STRING_SCHEMA, "beat");
        assertThat(run(chain(resolvedConfig()), heartbeat).topic()).isEqualTo("__debezium-heartbeat.shop");
    }

    private Map<String, String> resolvedConfig() throws IOException {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "postgres.password=pg-secret\nmask.hmac.secret=" + HMAC_SECRET + "\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> example = new ObjectMapper().readValue(EXAMPLE.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, String> config = new HashMap<>((Map<String, String>) example.get("config"));
        config.replaceAll((key, value) -> value.replace(SECRETS, secrets.toString()));
        try (FileConfigProvider files = new FileConfigProvider()) {
            files.configure(Map.of()); // as the worker does for config.providers=file
            Map<String, ConfigProvider> providers = Map.of("file", files);
            return new ConfigTransformer(providers).transform(config).data();
        }
    }

    /** Instantiates and configures the transforms and predicates the way Connect's ConnectorConfig does. */
    @SuppressWarnings("unchecked")
    private static List<Stage> chain(Map<String, String> config) {
        List<Stage> stages = new ArrayList<>();
        for (String alias : config.get("transforms").split(",")) {
            Map<String, String> props = withPrefix(config, "transforms." + alias.trim() + ".");
            Transformation<SourceRecord> transform = (Transformation<SourceRecord>) newInstance(props.get("type"));
            transform.configure(props);
            Predicate<SourceRecord> predicate = null;
            if (props.containsKey("predicate")) {
                Map<String, String> predicateProps = withPrefix(config, "predicates." + props.get("predicate") + ".");
                predicate = (Predicate<SourceRecord>) newInstance(predicateProps.get("type"));
                predicate.configure(predicateProps);
            }
            stages.add(new Stage(transform, predicate, Boolean.parseBoolean(props.get("negate"))));
        }
        return stages;
    }

    private static SourceRecord run(List<Stage> chain, SourceRecord record) {
        SourceRecord current = record;
        for (Stage stage : chain) {
            if (stage.predicate == null || stage.predicate.test(current) != stage.negate) {
                current = stage.transform.apply(current);
            }
        }
        return current;
    }

    private static SourceRecord record(String table, Schema schema, Struct value) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("tidemark.schema", "public");
        headers.addString("tidemark.table", table);
        return new SourceRecord(Map.of(), Map.of(), "shop.public." + table, null, null, null, schema, value, 0L,
                headers);
    }

    private static Map<String, String> withPrefix(Map<String, String> config, String prefix) {
        Map<String, String> props = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                props.put(key.substring(prefix.length()), value);
            }
        });
        return props;
    }

    private static Object newInstance(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot instantiate " + className, e);
        }
    }

    private record Stage(Transformation<SourceRecord> transform, Predicate<SourceRecord> predicate, boolean negate) {
    }
}
