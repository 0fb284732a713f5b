package io.tidemark.connect.smt.mask;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemark.connect.smt.OptionProblem;
import io.tidemark.connect.smt.PluginVersion;

/**
 * Masks fields of the record key ({@link Key}) or value ({@link Value}) with named rules: HMAC or hash pseudonyms,
 * partial masks, redaction and regex replacement. Records with a schema are masked through a plan compiled once per
 * input schema; schemaless Maps are walked per record. The input record is never modified, and original values never
 * appear in logs or exception messages.
 */
public abstract class MaskFields<R extends ConnectRecord<R>> implements Transformation<R> {

    private static final Logger log = LoggerFactory.getLogger(MaskFields.class);

    public static final String OVERVIEW_DOC = "Mask fields of the record key (MaskFields$Key) or value "
            + "(MaskFields$Value) with named rules, each a list of nested field paths and a strategy: hmac "
            + "(keyed HMAC-SHA-256 pseudonyms that still join), hash (salted SHA-256, weaker), partial (keep "
            + "first/last characters), redact (fixed text or null) or regex (replace matches). Works on Struct and "
            + "schemaless Map records, Debezium envelopes (after.email) and arrays of Structs. Rules are "
            + "configured with rules.<name>.<option>.";

    public static final ConfigDef CONFIG_DEF = MaskFieldsConfig.CONFIG_DEF;

    /**
     * What {@link #configure} would refuse in a connector configuration, where this transform's options are named
     * {@code prefix + option} (e.g. {@code transforms.mask.}); every problem names the full option.
     */
    public static List<OptionProblem> optionProblems(String prefix, Map<String, String> connectorConfig) {
        return MaskFieldsConfig.problems(prefix, connectorConfig);
    }

    private MaskPlanCache plans;
    private SchemalessMasker schemaless;

    @Override
    public void configure(Map<String, ?> props) {
        MaskFieldsConfig config = MaskFieldsConfig.parse(props);
        String name = transformName();
        SchemaPlanner planner = new SchemaPlanner(config.paths, config.onMissing, name, part());
        plans = new MaskPlanCache(planner::plan, config.schemaCacheSize);
        schemaless = new SchemalessMasker(config.paths, config.onMissing, name);
        if (part().equals("key")) {
            warnAboutCollapsingKeys(config);
        }
    }

    /**
     * Masked keys decide partitions and compaction. hmac and hash keep distinct keys distinct; the other strategies
     * map many keys to one, merging unrelated rows in a compacted topic or an upserting sink.
     */
    private static void warnAboutCollapsingKeys(MaskFieldsConfig config) {
        for (MaskRule rule : config.rules) {
            if (!(rule.strategy() instanceof DigestStrategy)) {
                log.warn("MaskFields$Key rule '{}' does not use hmac or hash: distinct keys can become equal, and "
                        + "records of different rows would then share a key (one partition, one row after "
                        + "compaction or upsert)", rule.name());
            }
        }
    }

    @Override
    public R apply(R record) {
        Object value = operatingValue(record);
        if (value == null) {
            return record; // tombstones and null keys have nothing to mask
        }
        Schema schema = operatingSchema(record);
        if (schema == null && value instanceof Struct) {
            schema = ((Struct) value).schema();
        }
        if (schema == null) {
            if (!(value instanceof Map)) {
                throw new DataException(transformName() + " masks fields of Struct or Map records; this record's "
                        + part() + " is a " + value.getClass().getSimpleName());
            }
            Object masked = schemaless.mask((Map<?, ?>) value);
            return masked == value ? record : newRecord(record, null, masked);
        }
        MaskPlan plan = plans.get(schema);
        if (plan.changesNothing()) {
            return record;
        }
        Object masked = plan.apply(value); // first: a failing plan has no schema
        return newRecord(record, plan.schema(), masked);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void close() {
        plans = null;
    }

    private String transformName() {
        return "MaskFields$" + getClass().getSimpleName();
    }

    /** "key" or "value", for messages. */
    protected abstract String part();

    protected abstract Schema operatingSchema(R record);

    protected abstract Object operatingValue(R record);

    protected abstract R newRecord(R record, Schema updatedSchema, Object updatedValue);

    /** Masks fields of the record key. */
    public static class Key<R extends ConnectRecord<R>> extends MaskFields<R> {
        @Override
        protected String part() {
            return "key";
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), updatedSchema, updatedValue,
                    record.valueSchema(), record.value(), record.timestamp());
        }
    }

    /** Masks fields of the record value. */
    public static class Value<R extends ConnectRecord<R>> extends MaskFields<R> {
        @Override
        protected String part() {
            return "value";
        }

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, Schema updatedSchema, Object updatedValue) {
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updatedSchema, updatedValue, record.timestamp());
        }
    }
}
