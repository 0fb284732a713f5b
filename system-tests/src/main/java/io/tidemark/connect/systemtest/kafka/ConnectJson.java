package io.tidemark.connect.systemtest.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Record payloads in the format the workers' {@code JsonConverter} (with {@code schemas.enable=true})
 * reads and writes, made by that very converter so tests cannot drift from it.
 *
 * <pre>{@code
 * Schema key = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
 * kafka.produce(List.of(ConnectJson.record("orders", key, new Struct(key).put("id", 1L), valueSchema, value)));
 * SchemaAndValue decoded = ConnectJson.decodeValue("orders", consumed.value());
 * }</pre>
 */
public final class ConnectJson {

    private static final JsonConverter KEYS = converter(true);
    private static final JsonConverter VALUES = converter(false);

    private ConnectJson() {
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), isKey);
        return converter;
    }

    public static byte[] encodeKey(String topic, Schema schema, Object key) {
        return KEYS.fromConnectData(topic, schema, key);
    }

    /** A null value encodes to null bytes: a tombstone. */
    public static byte[] encodeValue(String topic, Schema schema, Object value) {
        return VALUES.fromConnectData(topic, schema, value);
    }

    public static SchemaAndValue decodeKey(String topic, byte[] key) {
        return KEYS.toConnectData(topic, key);
    }

    public static SchemaAndValue decodeValue(String topic, byte[] value) {
        return VALUES.toConnectData(topic, value);
    }

    /** A keyed record whose key and value the workers' converter reads back as {@code (schema, value)}. */
    public static ProducerRecord<byte[], byte[]> record(String topic, Schema keySchema, Object key,
                                                        Schema valueSchema, Object value) {
        return new ProducerRecord<>(topic, encodeKey(topic, keySchema, key), encodeValue(topic, valueSchema, value));
    }
}
