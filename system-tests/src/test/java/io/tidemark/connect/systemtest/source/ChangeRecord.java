package io.tidemark.connect.systemtest.source;

import io.tidemark.connect.systemtest.kafka.ConnectJson;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

/**
 * One record of a CDC topic read back as a consumer of the worker's converters would: key and value
 * through the JsonConverter (schemas enabled, as in etc/connect-distributed.properties), headers
 * through the worker's default {@link SimpleHeaderConverter}. The raw record stays available for what
 * a plain Kafka consumer sees.
 */
record ChangeRecord(ConsumerRecord<byte[], byte[]> raw, Struct key, Struct value, Headers headers) {

    // The contract's names as DESIGN.md and the README give them, spelled out here rather than taken
    // from the connector's code, so that renaming one there fails these tests.
    static final String OP = "__op";
    static final String SOURCE_TS_MS = "__source_ts_ms";
    static final String POSITION = "__position";
    static final String DELETED = "__deleted";
    static final String SCHEMA_HEADER = "tidemark.schema";
    static final String TABLE_HEADER = "tidemark.table";
    static final String UNCHANGED_HEADER = "tidemark.unchanged";

    private static final SimpleHeaderConverter HEADERS = headerConverter();

    static ChangeRecord decode(ConsumerRecord<byte[], byte[]> raw) {
        String topic = raw.topic();
        Struct key = (Struct) ConnectJson.decodeKey(topic, raw.key()).value();
        Struct value = (Struct) ConnectJson.decodeValue(topic, raw.value()).value();
        ConnectHeaders headers = new ConnectHeaders();
        for (Header header : raw.headers()) {
            SchemaAndValue decoded = HEADERS.toConnectHeader(topic, header.key(), header.value());
            headers.add(header.key(), decoded);
        }
        return new ChangeRecord(raw, key, value, headers);
    }

    private static SimpleHeaderConverter headerConverter() {
        SimpleHeaderConverter converter = new SimpleHeaderConverter();
        converter.configure(Map.of());
        return converter;
    }

    boolean isTombstone() {
        return value == null;
    }

    long id() {
        return key.getInt64("id");
    }

    String op() {
        return value.getString(OP);
    }

    long position() {
        return value.getInt64(POSITION);
    }

    /** A row change is identified by its key and its {@code __position}; a repeat has both equal. */
    ChangeId changeId() {
        return new ChangeId(id(), position());
    }

    /** The value of a header as the worker's header converter reads it, or null when absent. */
    Object header(String name) {
        var header = headers.lastWithName(name);
        return header == null ? null : header.value();
    }

    @SuppressWarnings("unchecked")
    List<String> unchangedColumns() {
        return (List<String>) header(UNCHANGED_HEADER);
    }

    /** Kafka coordinates, for assertion messages (never the record's data). */
    String where() {
        return raw.topic() + "-" + raw.partition() + "@" + raw.offset();
    }

    /** A row change's identity in a topic: primary key {@code id} and {@code __position}. */
    record ChangeId(long id, long position) {
    }
}
