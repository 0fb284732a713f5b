package io.tidemark.connect.smt.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tidemark.connect.smt.Props;

class TopicRouterTest {

    private static final Schema KEY = SchemaBuilder.struct().name("inventory.customers.Key")
            .field("id", Schema.INT64_SCHEMA).build();
    private static final Schema ADDRESS = SchemaBuilder.struct().optional()
            .field("region", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("inventory.customers.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("address", ADDRESS)
            .field("tier", Schema.OPTIONAL_INT32_SCHEMA)
            .field("__op", Schema.STRING_SCHEMA)
            .build();

    private final TopicRouter<SourceRecord> router = new TopicRouter<>();

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void routesCdcRecordsByTheSourceTableHeaders() {
        configure("topic.template", "cdc.${source.schema}.${source.table}");
        SourceRecord routed = router.apply(record("pg.inventory.customers", "EU",
                cdcHeaders("inventory", "customers")));
        assertThat(routed.topic()).isEqualTo("cdc.inventory.customers");
    }

    @Test
    void routesTombstonesOfTheCdcSourceWithTheirRowsSoCompactionStillForgetsThem() {
        configure("topic.template", "cdc.${source.table}");
        SourceRecord tombstone = new SourceRecord(null, null, "pg.inventory.customers", null, KEY,
                new Struct(KEY).put("id", 7L), null, null, 0L, cdcHeaders("inventory", "customers"));
        assertThat(router.apply(tombstone).topic()).isEqualTo("cdc.customers");
    }

    @Test
    void fallsBackToTheSourceBlockOfADebeziumEnvelopeWhenTheHeadersAreAbsent() {
        configure("topic.template", "${source.schema}_${source.table}");
        Schema source = SchemaBuilder.struct().field("schema", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().name("dbserver1.inventory.customers.Envelope")
                .field("after", VALUE).field("source", source).field("op", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(envelope).put("op", "c")
                .put("source", new Struct(source).put("schema", "inventory").put("table", "customers"));
        SourceRecord record = new SourceRecord(null, null, "dbserver1.inventory.customers", null, null, null,
                envelope, value);
        assertThat(router.apply(record).topic()).isEqualTo("inventory_customers");
    }

    @Test
    void buildsTheTopicFromGroupsOfTheTopicRegex() {
        configure("topic.template", "${topic:3}-${topic:1}", "topic.regex", "([a-z]+)\\.([a-z]+)\\.([a-z]+)");
        assertThat(router.apply(record("pg.inventory.customers", "EU", new ConnectHeaders())).topic())
                .isEqualTo("customers-pg");
    }

    @Test
    void aTopicThatDoesNotMatchTheRegexLeavesItsGroupsWithoutValue() {
        configure("topic.template", "${topic:1}", "topic.regex", "pg\\.(.*)", "on.missing", "keep");
        assertThat(router.apply(record("mysql.orders", "EU", new ConnectHeaders())).topic()).isEqualTo("mysql.orders");
        assertThat(router.apply(record("pg.orders", "EU", new ConnectHeaders())).topic()).isEqualTo("orders");
    }

    @Test
    void remembersTopicOnlyResultsPerTopicWithoutMixingTopicsUp() {
        configure("topic.template", "archive.${topic}");
        for (int i = 0; i < 3; i++) {
            assertThat(router.apply(record("a", "EU", new ConnectHeaders())).topic()).isEqualTo("archive.a");
            assertThat(router.apply(record("b", "EU", new ConnectHeaders())).topic()).isEqualTo("archive.b");
        }
    }

    @Test
    void readsNestedValueFieldsKeyFieldsAndHeaders() {
        configure("topic.template", "${header.tenant}.${value.address.region}.${key.id}");
        Headers headers = new ConnectHeaders().addString("tenant", "acme");
        assertThat(router.apply(record("customers", "EU", headers)).topic()).isEqualTo("acme.EU.7");
    }

    @Test
    void readsSchemalessMapValues() {
        TopicRouter<SinkRecord> sinkRouter = new TopicRouter<>();
        sinkRouter.configure(Map.of("topic.template", "orders.${value.shipping.country|lower}"));
        Map<String, Object> value = Map.of("shipping", Map.of("country", "FR"));
        SinkRecord record = new SinkRecord("orders", 0, null, "k", null, value, 42L);
        assertThat(sinkRouter.apply(record).topic()).isEqualTo("orders.fr");
    }

    @Test
    void writesNumbersAsPlainText() {
        configure("topic.template", "tier-${value.tier}");
        assertThat(router.apply(record("customers", "EU", new ConnectHeaders())).topic()).isEqualTo("tier-3");
    }

    @Test
    void appliesModifiersLeftToRight() {
        configure("topic.template", "${value.address.region|lower}.${value.email|default=NONE|lower}."
                + "${header.missing|upper|default=x}");
        SourceRecord record = record("customers", "EU", new ConnectHeaders());
        assertThat(router.apply(record).topic()).isEqualTo("eu.none.x");
    }

    @Test
    void changesOnlyTheTopicOfTheRecord() {
        configure("topic.template", "routed");
        Headers headers = new ConnectHeaders().addString("h", "v");
        SinkRecord record = new SinkRecord("in", 3, KEY, new Struct(KEY).put("id", 7L), VALUE, value("EU"), 99L,
                1234L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
        TopicRouter<SinkRecord> sinkRouter = new TopicRouter<>();
        sinkRouter.configure(Map.of("topic.template", "routed"));

        SinkRecord routed = sinkRouter.apply(record);

        assertThat(routed.topic()).isEqualTo("routed");
        assertThat(routed.kafkaPartition()).isEqualTo(3);
        assertThat(routed.key()).isSameAs(record.key());
        assertThat(routed.keySchema()).isSameAs(KEY);
        assertThat(routed.value()).isSameAs(record.value());
        assertThat(routed.timestamp()).isEqualTo(1234L);
        assertThat(routed.headers().lastWithName("h").value()).isEqualTo("v");
        assertThat(routed.originalTopic()).isEqualTo("in");
        assertThat(record.topic()).isEqualTo("in");
    }

    @Test
    void sendsRecordsWithoutAValueToTheFallbackTopic() {
        configure("topic.template", "${value.address.region}", "on.missing", "fallback", "fallback.topic", "unrouted");
        assertThat(router.apply(record("customers", null, new ConnectHeaders())).topic()).isEqualTo("unrouted");
    }

    @Test
    void keepsTheOriginalTopicWhenTheValueIsMissingAndPolicyIsKeep() {
        configure("topic.template", "${value.nope}", "on.missing", "keep");
        assertThat(router.apply(record("customers", "EU", new ConnectHeaders())).topic()).isEqualTo("customers");
    }

    @Test
    void failsByDefaultNamingThePlaceholderButNeverTheRecordData() {
        configure("topic.template", "${value.address.region}.${value.email}");
        SourceRecord record = record("customers", "EU", new ConnectHeaders());
        assertThatThrownBy(() -> router.apply(record)).isInstanceOf(DataException.class)
                .hasMessageContaining("${value.email}").hasMessageContaining("customers")
                .hasMessageNotContaining("EU");
    }

    @Test
    void anEmptyValueCountsAsMissing() {
        configure("topic.template", "x.${value.address.region|default=none}");
        assertThat(router.apply(record("customers", "", new ConnectHeaders())).topic()).isEqualTo("x.none");
    }

    @Test
    void aNameWithIllegalCharactersFollowsThePolicyAndIsNeverSentToTheProducer() {
        configure("topic.template", "t.${value.address.region}", "on.missing", "fallback", "fallback.topic", "bad");
        assertThat(router.apply(record("customers", "EU West", new ConnectHeaders())).topic()).isEqualTo("bad");
        assertThat(router.apply(record("customers", "EU/1", new ConnectHeaders())).topic()).isEqualTo("bad");
        assertThat(router.apply(record("customers", "EU_West-1.a", new ConnectHeaders())).topic())
                .isEqualTo("t.EU_West-1.a");
    }

    @Test
    void anIllegalNameFailsWithTheReasonButWithoutTheName() {
        configure("topic.template", "${value.address.region}");
        assertThatThrownBy(() -> router.apply(record("customers", "Zürich", new ConnectHeaders())))
                .isInstanceOf(DataException.class).hasMessageContaining("character outside")
                .hasMessageNotContaining("Zürich");
    }

    @Test
    void namesUpTo249CharactersAreLegalAndLongerOnesFollowThePolicy() {
        configure("topic.template", "${value.address.region}", "on.missing", "keep");
        String longest = "a".repeat(249);
        assertThat(router.apply(record("customers", longest, new ConnectHeaders())).topic()).isEqualTo(longest);
        assertThat(router.apply(record("customers", longest + "a", new ConnectHeaders())).topic())
                .isEqualTo("customers");
    }

    @Test
    void dotAndDotDotAreNotTopicNames() {
        configure("topic.template", "${value.address.region}", "on.missing", "keep");
        assertThat(router.apply(record("customers", ".", new ConnectHeaders())).topic()).isEqualTo("customers");
        assertThat(router.apply(record("customers", "..", new ConnectHeaders())).topic()).isEqualTo("customers");
        assertThat(router.apply(record("customers", "...", new ConnectHeaders())).topic()).isEqualTo("...");
    }

    @Test
    void refusesTemplatesItCannotRenderWhenConfigured() {
        Map<String, String> badTemplates = Map.of(
                "${nope}", "unknown placeholder",
                "orders.${value.x", "not closed",
                "orders/${topic}", "contains '/'",
                "${value.x|title}", "unknown modifier",
                "${value.x|default=a b}", "contains ' '",
                "${topic:0}", "group must be a number",
                "${value.a..b}", "empty field name");
        badTemplates.forEach((template, message) ->
                assertThatThrownBy(() -> router.configure(Map.of("topic.template", template))).as(template)
                        .isInstanceOf(ConfigException.class).hasMessageContaining(message));
    }

    @Test
    void reportsTemplateAndRegexMistakesThroughConnectValidation() {
        Map<String, String> props = Map.of("topic.template", "${nope}", "topic.regex", "(", "on.missing", "drop");
        Map<String, List<String>> errors = TopicRouter.CONFIG_DEF.validate(props).stream()
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors.get("topic.template")).singleElement().asString().contains("unknown placeholder");
        assertThat(errors.get("topic.regex")).singleElement().asString().contains("not a valid regular expression");
        assertThat(errors.get("on.missing")).singleElement().asString().contains("drop");
    }

    @Test
    void refusesCrossOptionMistakesWhenConfigured() {
        assertThatThrownBy(() -> router.configure(Map.of("topic.template", "${topic:1}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topic.regex is not set");
        assertThatThrownBy(() -> router.configure(Map.of("topic.template", "${topic:2}", "topic.regex", "(a)")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("1 group(s)");
        assertThatThrownBy(() -> router.configure(Map.of("topic.template", "x", "on.missing", "fallback")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("fallback.topic");
        assertThatThrownBy(() -> router.configure(Map.of("topic.template", "x", "on.missing", "fallback",
                "fallback.topic", "no way"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a legal topic name");
    }

    @Test
    void templatesPassThroughTheWorkersConfigProvidersUnchanged() {
        // Connect resolves ${provider:[path:]key} in every config value; ${topic:1} has that shape.
        String template = "${topic:1}.${source.table}.${value.region|default=x}";
        try (FileConfigProvider files = new FileConfigProvider()) {
            files.configure(Map.of());
            Map<String, String> resolved = new ConfigTransformer(Map.of("file", files))
                    .transform(Map.of("topic.template", template)).data();
            assertThat(resolved).containsEntry("topic.template", template);
        }
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(router.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private void configure(String... keysAndValues) {
        router.configure(Props.of(keysAndValues));
    }

    private static Struct value(String region) {
        return new Struct(VALUE).put("id", 7L).put("email", null).put("tier", 3).put("__op", "c")
                .put("address", new Struct(ADDRESS).put("region", region));
    }

    private static SourceRecord record(String topic, String region, Headers headers) {
        return new SourceRecord(Map.of("server", "pg"), Map.of("lsn", 1L), topic, null, KEY,
                new Struct(KEY).put("id", 7L), VALUE, value(region), 0L, headers);
    }

    private static Headers cdcHeaders(String schema, String table) {
        return new ConnectHeaders().addString("tidemark.schema", schema).addString("tidemark.table", table);
    }
}
