package io.tidemark.connect.source.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/** Reading the records a task emitted, for assertions. */
public final class Records {

    private Records() {
    }

    public static List<SourceRecord> onTopic(List<SourceRecord> records, String topic) {
        return records.stream().filter(record -> topic.equals(record.topic())).toList();
    }

    /** Records on the topic that carry a value (tombstones left out). */
    public static List<SourceRecord> changesOn(List<SourceRecord> records, String topic) {
        return onTopic(records, topic).stream().filter(record -> record.value() != null).toList();
    }

    public static Predicate<List<SourceRecord>> atLeast(int count, String topic) {
        return records -> onTopic(records, topic).size() >= count;
    }

    /** The contract's __op, "tombstone", or "other" for records that are not row changes. */
    public static String op(SourceRecord record) {
        if (record.value() == null) {
            return "tombstone";
        }
        Struct value = (Struct) record.value();
        return value.schema().field("__op") == null ? "other" : value.getString("__op");
    }

    public static Object keyField(SourceRecord record, String field) {
        return ((Struct) record.key()).get(field);
    }

    public static Struct value(SourceRecord record) {
        return (Struct) record.value();
    }

    /** The value's fields that are not contract metadata, by name. */
    public static Map<String, Object> row(Struct value) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : value.schema().fields()) {
            if (!field.name().startsWith("__")) {
                row.put(field.name(), value.get(field));
            }
        }
        return row;
    }

    public static Object header(SourceRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : header.value();
    }

    /** "op key" per record, e.g. "c 1", "tombstone 1", for readable sequence assertions. */
    public static List<String> opsAndKeys(List<SourceRecord> records, String keyField) {
        List<String> out = new ArrayList<>();
        for (SourceRecord record : records) {
            out.add(op(record) + " " + keyField(record, keyField));
        }
        return out;
    }

    public static String describe(List<SourceRecord> records) {
        return records.stream()
                .map(record -> record.topic() + ":" + op(record) + ":" + record.key())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
