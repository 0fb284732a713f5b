package io.tidemark.connect.sink.json;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

import io.tidemark.connect.sink.Version;

/**
 * Kafka's JsonConverter, except that float and double NaN, Infinity and -Infinity survive the way back.
 * JsonConverter writes them as the strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers) but
 * reads those strings into a float or double field as 0.0, so a sink using it would store 0 for them. This
 * converter reads what JsonConverter reads, then puts the special values back where the schema has a float
 * field and the JSON a string. Everything else, writing and headers included, is JsonConverter's.
 */
public class ExactJsonConverter implements Converter, HeaderConverter, Versioned {

    private static final int MAX_CACHED_SCHEMAS = 1024;
    /**
     * JsonConverter does the work; composed rather than extended, so this class loads without connect-json
     * (as the packaging check loads plugin classes), which the worker provides when the converter runs.
     */
    private final JsonConverter json = new JsonConverter();
    private final ObjectMapper mapper = new ObjectMapper();
    /** Whether a schema has a float field anywhere: JsonConverter hands out cached schemas, one per shape. */
    private final Map<Schema, Boolean> hasFloats = Collections.synchronizedMap(new IdentityHashMap<>());
    private boolean schemasEnabled = true;

    /** The Tidemark version (JsonConverter would report Kafka's). */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return json.config();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        json.configure(configs);
        schemasEnabled = new JsonConverterConfig(configs).schemasEnabled();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(withType);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return json.fromConnectData(topic, schema, value);
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return json.fromConnectHeader(topic, headerKey, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return json.toConnectHeader(topic, headerKey, value);
    }

    @Override
    public void close() {
        json.close();
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        SchemaAndValue data = json.toConnectData(topic, value);
        if (!schemasEnabled || data.schema() == null || data.value() == null || !hasFloats(data.schema())) {
            return data;
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(value).get("payload");
        } catch (IOException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }
        return new SchemaAndValue(data.schema(), restore(data.schema(), payload, data.value()));
    }

    private boolean hasFloats(Schema schema) {
        Boolean known = hasFloats.get(schema);
        if (known == null) {
            if (hasFloats.size() >= MAX_CACHED_SCHEMAS) {
                hasFloats.clear();
            }
            known = containsFloat(schema);
            hasFloats.put(schema, known);
        }
        return known;
    }

    private static boolean containsFloat(Schema schema) {
        switch (schema.type()) {
            case FLOAT32:
            case FLOAT64:
                return true;
            case STRUCT:
                return schema.fields().stream().anyMatch(field -> containsFloat(field.schema()));
            case ARRAY:
                return containsFloat(schema.valueSchema());
            case MAP:
                return containsFloat(schema.valueSchema());
            default:
                return false;
        }
    }

    /** The value with the special floats the JSON spells as strings put back; containers are updated in place. */
    @SuppressWarnings("unchecked")
    private static Object restore(Schema schema, JsonNode node, Object value) {
        if (node == null || node.isNull() || value == null) {
            return value;
        }
        switch (schema.type()) {
            case FLOAT32:
                return node.isTextual() ? (Object) (float) special(node.textValue()) : value;
            case FLOAT64:
                return node.isTextual() ? (Object) special(node.textValue()) : value;
            case STRUCT:
                Struct struct = (Struct) value;
                for (Field field : schema.fields()) {
                    if (containsFloat(field.schema())) {
                        Object restored = restore(field.schema(), node.get(field.name()), struct.get(field));
                        if (restored != struct.get(field)) {
                            struct.put(field, restored);
                        }
                    }
                }
                return struct;
            case ARRAY:
                List<Object> list = (List<Object>) value;
                for (int i = 0; i < list.size() && i < node.size(); i++) {
                    list.set(i, restore(schema.valueSchema(), node.get(i), list.get(i)));
                }
                return list;
            case MAP:
                if (schema.keySchema().type() == Schema.Type.STRING && node.isObject()) {
                    Map<Object, Object> map = (Map<Object, Object>) value;
                    map.replaceAll((key, entry) -> restore(schema.valueSchema(), node.get((String) key), entry));
                }
                return value;
            default:
                return value;
        }
    }

    private static double special(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                throw new DataException("A float field holds the string \"" + text + "\"; only NaN, Infinity and "
                        + "-Infinity may be written as strings");
        }
    }
}
