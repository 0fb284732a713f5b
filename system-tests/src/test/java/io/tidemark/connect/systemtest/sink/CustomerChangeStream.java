package io.tidemark.connect.systemtest.sink;

import io.tidemark.connect.systemtest.kafka.ConnectJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * A change stream of one customers table as the CDC source emits it, positions growing like an LSN: for
 * 150 keys an insert, updates, for some a delete with its tombstone and a later re-insert, stale
 * duplicates of earlier changes sent again late, and one keyless (poison) record, last. It knows the
 * table it must produce: rows of (id, name, email, score, version) ordered by id.
 */
public final class CustomerChangeStream {

    private static final Schema KEY = SchemaBuilder.struct().name("customers.Key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("customers.Value")
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
    private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final Map<Long, List<String>> rows = new TreeMap<>();
    private final Map<Long, ProducerRecord<byte[], byte[]>> stale = new TreeMap<>();
    private long position = 1_000;

    public CustomerChangeStream(String topic) {
        this.topic = topic;
        Random random = new Random(7);
        for (long id = 1; id <= 150; id++) {
            change("c", id, "name-" + id, id);
        }
        for (int round = 0; round < 4; round++) {
            for (long id = 1; id <= 150; id++) {
                int dice = random.nextInt(10);
                if (dice < 6) {
                    change("u", id, "round-" + round + "-" + id, round);
                } else if (dice == 6 && rows.containsKey(id)) {
                    delete(id);
                } else if (dice == 7 && !rows.containsKey(id)) {
                    change("c", id, "back-" + round + "-" + id, round);
                }
            }
        }
        // Older changes delivered again: the stored versions are newer, so nothing changes. (Only for rows
        // that exist: with hard deletes, a row that is gone has no version left to refuse an old insert.)
        stale.forEach((id, record) -> {
            if (rows.containsKey(id)) {
                records.add(record);
            }
        });
        // The poison record, last: a change without a key cannot be merged; it goes to the DLQ.
        records.add(new ProducerRecord<>(topic, 0, null, ConnectJson.encodeValue(topic, VALUE, value("c", 0, "poison", 0))));
    }

    private Struct value(String op, long id, String name, int score) {
        boolean delete = "d".equals(op);
        return new Struct(VALUE).put("id", id).put("name", delete ? null : name).put("email", delete ? null : name + "@example.com")
            .put("score", delete ? null : score).put("__op", op).put("__source_ts_ms", 1_700_000_000_000L + position)
            .put("__position", position).put("__deleted", delete);
    }

    private ProducerRecord<byte[], byte[]> keyed(long id, Schema schema, Struct value) {
        return new ProducerRecord<>(topic, ConnectJson.encodeKey(topic, KEY, new Struct(KEY).put("id", id)),
            ConnectJson.encodeValue(topic, schema, value));
    }

    private void change(String op, long id, String name, long score) {
        position++;
        ProducerRecord<byte[], byte[]> record = keyed(id, VALUE, value(op, id, name, (int) score));
        records.add(record);
        if (position % 17 == 0) {
            stale.put(id, record);
        }
        rows.put(id, List.of(Long.toString(id), name, name + "@example.com", Long.toString(score), Long.toString(position)));
    }

    private void delete(long id) {
        position++;
        records.add(keyed(id, VALUE, value("d", id, null, 0)));
        records.add(keyed(id, null, null));
        rows.remove(id);
    }

    /** Every record, in the order to produce them; the keyless one is last. */
    public List<ProducerRecord<byte[], byte[]>> records() {
        return records;
    }

    /** The table the stream must leave: (id, name, email, score, version) as text, ordered by id. */
    public List<List<String>> expected() {
        return new ArrayList<>(rows.values());
    }
}
