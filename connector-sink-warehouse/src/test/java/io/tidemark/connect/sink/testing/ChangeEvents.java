package io.tidemark.connect.sink.testing;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.List;

/**
 * Records in our change-event contract for a "customers" table (id, name, email, score), as the CDC
 * source emits them: key Struct {id}, flat value with __op, __source_ts_ms, __position, __deleted.
 */
public final class ChangeEvents {

    public static final String TOPIC = "tm.public.customers";

    public static final Schema KEY = SchemaBuilder.struct().name("tm.public.customers.Key")
            .field("id", Schema.INT64_SCHEMA).build();

    public static final Schema VALUE = SchemaBuilder.struct().name("tm.public.customers.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", Schema.OPTIONAL_INT32_SCHEMA)
            .field("__op", Schema.STRING_SCHEMA)
            .field("__source_ts_ms", Schema.INT64_SCHEMA)
            .field("__position", Schema.INT64_SCHEMA)
            .field("__deleted", Schema.BOOLEAN_SCHEMA)
            .build();

    private final String topic;
    private final int partition;
    private long nextOffset;

    public ChangeEvents(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    public ChangeEvents() {
        this(TOPIC, 0);
    }

    public static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    /** Insert (c), update (u) or snapshot read (r) of a row. */
    public SinkRecord change(String op, long id, String name, String email, Integer score, long position) {
        Struct value = new Struct(VALUE).put("id", id).put("name", name).put("email", email).put("score", score)
                .put("__op", op).put("__source_ts_ms", 1_700_000_000_000L + position).put("__position", position)
                .put("__deleted", false);
        return record(key(id), VALUE, value, new ConnectHeaders());
    }

    public SinkRecord insert(long id, String name, long position) {
        return change("c", id, name, name.toLowerCase(java.util.Locale.ROOT) + "@example.com", (int) id, position);
    }

    /** An update whose email the source did not send (a TOAST column left untouched). */
    public SinkRecord updateWithoutEmail(long id, String name, long position) {
        Struct value = new Struct(VALUE).put("id", id).put("name", name).put("email", null).put("score", (int) id)
                .put("__op", "u").put("__source_ts_ms", 1_700_000_000_000L + position).put("__position", position)
                .put("__deleted", false);
        ConnectHeaders headers = new ConnectHeaders();
        headers.add("tidemark.unchanged", List.of("email"), SchemaBuilder.array(Schema.STRING_SCHEMA).build());
        return record(key(id), VALUE, value, headers);
    }

    /** A delete with the before-image the source has (here only the key, as with REPLICA IDENTITY DEFAULT). */
    public SinkRecord delete(long id, long position) {
        Struct value = new Struct(VALUE).put("id", id).put("__op", "d").put("__source_ts_ms", 1_700_000_000_000L + position)
                .put("__position", position).put("__deleted", true);
        return record(key(id), VALUE, value, new ConnectHeaders());
    }

    public SinkRecord tombstone(long id) {
        return record(key(id), null, null, new ConnectHeaders());
    }

    /** A tombstone as our source sends it: the delete's position in the header tidemark.position. */
    public SinkRecord tombstone(long id, long deletePosition) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("tidemark.position", Long.toString(deletePosition));
        return record(key(id), null, null, headers);
    }

    public SinkRecord record(Object key, Schema valueSchema, Object value, ConnectHeaders headers) {
        return new SinkRecord(topic, partition, key == null ? null : key instanceof Struct s ? s.schema() : null, key, valueSchema, value,
                nextOffset++, null, null, headers);
    }

    /** Next offset this stream will use. */
    public long nextOffset() {
        return nextOffset;
    }

    public void rewindTo(long offset) {
        nextOffset = offset;
    }
}
