package io.tidemark.connect.sink.model;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topic a history's source writes (two partitions, a key's records always in partition {@code key % 2}, as the
 * default partitioner keeps a key in one partition) and the source table as it is afterwards. Records are built as
 * the CDC source emits them (README, "What the records look like"): flat values with __op, __source_ts_ms,
 * __position, __deleted; the unchanged header; tombstones with the delete's position in {@code tidemark.position}.
 */
public final class ChangeLog {

    public static final int PARTITIONS = 2;
    public static final String NOTES = "notes";
    public static final String TIER = "tier";

    /** What a record is, for the model. */
    public enum Kind { CHANGE, SNAPSHOT, DELETE, TOMBSTONE, POISON }

    /**
     * One record of the topic.
     *
     * @param carried the data columns whose value the record carries
     * @param table   the table it goes to (after the routing transform)
     */
    public record Entry(SinkRecord record, int key, Kind kind, long position, Set<String> carried, String table) {
        public boolean live() {
            return kind == Kind.CHANGE || kind == Kind.SNAPSHOT;
        }

        public long offset() {
            return record.kafkaOffset();
        }

        public int partition() {
            return record.kafkaPartition();
        }

        @Override
        public String toString() {
            return kind + " key " + key + " @" + position + " (p" + partition() + " offset " + offset() + ", carries " + carried + ")";
        }
    }

    /** A row of the source table. */
    public record Row(String name, String notes, String tier) {
    }

    private static final Schema KEY = SchemaBuilder.struct().name("tm.public.model.Key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema V1 = value(false);
    private static final Schema V2 = value(true);
    private static final Schema POISON = SchemaBuilder.struct().name("tm.public.model_poison.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "5").optional().build())
            .field("__op", Schema.STRING_SCHEMA).field("__position", Schema.INT64_SCHEMA).build();

    private final String topic;
    private final Map<String, String> tables;
    private final List<List<Entry>> partitions = new ArrayList<>();
    private final Map<Integer, Row> source = new TreeMap<>();

    private ChangeLog(String topic, Map<String, String> tables) {
        this.topic = topic;
        this.tables = tables;
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new ArrayList<>());
        }
    }

    private static Schema value(boolean withTier) {
        SchemaBuilder builder = SchemaBuilder.struct().name("tm.public.model.Value")
                .field("id", Schema.INT64_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field(NOTES, Schema.OPTIONAL_STRING_SCHEMA);
        if (withTier) {
            builder.field(TIER, Schema.OPTIONAL_STRING_SCHEMA);
        }
        return builder.field("__op", Schema.STRING_SCHEMA).field("__source_ts_ms", Schema.INT64_SCHEMA)
                .field("__position", Schema.INT64_SCHEMA).field("__deleted", Schema.BOOLEAN_SCHEMA).build();
    }

    /**
     * Plays the history's source steps.
     *
     * @param topic  the topic the source writes
     * @param tables the table of each key's records: "main" for keys the routing sends to the main table; a
     *               routing transform of append mode sends some keys to a second table
     */
    public static ChangeLog of(History history, String topic, Map<String, String> tables) {
        ChangeLog log = new ChangeLog(topic, tables);
        log.play(history);
        return log;
    }

    private long lsn = 1000;
    private long restartLsn = 1000;
    private boolean tierExists;

    private void play(History history) {
        // Rows written before the table was captured: no record of them is in the topic.
        history.preexisting().stream().sorted().forEach(key -> source.put(key, new Row("old" + key, "old-notes-" + key, null)));
        for (SourceStep step : history.steps()) {
            apply(step);
        }
    }

    private void apply(SourceStep step) {
        if (step instanceof SourceStep.Insert insert) {
            if (!source.containsKey(insert.key())) {
                lsn += 10;
                Row row = new Row("n" + lsn, "notes-" + lsn, tierExists ? "t" + lsn : null);
                source.put(insert.key(), row);
                change("c", insert.key(), row, false);
            }
        } else if (step instanceof SourceStep.Update update) {
            Row old = source.get(update.key());
            if (old != null) {
                lsn += 10;
                Row row = new Row("n" + lsn, update.setsNotes() ? "notes-" + lsn : old.notes(), tierExists ? "t" + lsn : null);
                source.put(update.key(), row);
                change("u", update.key(), row, !update.setsNotes());
            }
        } else if (step instanceof SourceStep.Delete delete) {
            if (source.containsKey(delete.key())) {
                lsn += 10;
                source.remove(delete.key());
                delete(delete.key());
            }
        } else if (step instanceof SourceStep.ChangeKey changeKey) {
            changeKey(changeKey.from(), changeKey.to(), false);
        } else if (step instanceof SourceStep.ChangeKeyFull changeKey) {
            changeKey(changeKey.from(), changeKey.to(), true);
        } else if (step instanceof SourceStep.Snapshot snapshot) {
            Row row = source.get(snapshot.key());
            if (row != null) {
                // The slot's restart LSN: behind the newest change, never going back.
                restartLsn = Math.max(restartLsn, lsn - 10L * snapshot.lag());
                snapshotRead(snapshot.key(), row);
            }
        } else if (step instanceof SourceStep.AddColumn) {
            tierExists = true;
        } else if (step instanceof SourceStep.Poison poison) {
            poison(poison.partition());
        }
    }

    private void changeKey(int from, int to, boolean carriesNotes) {
        Row old = source.get(from);
        if (old != null && !source.containsKey(to)) {
            lsn += 10;
            source.remove(from);
            delete(from);
            Row row = new Row("n" + lsn, old.notes(), tierExists ? "t" + lsn : null);
            source.put(to, row);
            change("c", to, row, !carriesNotes);
        }
    }

    private Schema schema() {
        return tierExists ? V2 : V1;
    }

    private void change(String op, int key, Row row, boolean notesUnchanged) {
        Struct value = base(key, op, lsn, false).put("name", row.name()).put(NOTES, notesUnchanged ? null : row.notes());
        Set<String> carried = new HashSet<>(List.of("name"));
        if (!notesUnchanged) {
            carried.add(NOTES);
        }
        if (tierExists) {
            value.put(TIER, row.tier());
            carried.add(TIER);
        }
        ConnectHeaders headers = headers();
        if (notesUnchanged) {
            headers.add("tidemark.unchanged", List.of(NOTES), SchemaBuilder.array(Schema.STRING_SCHEMA).build());
        }
        add(key, Kind.CHANGE, lsn, carried, value, headers);
    }

    private void snapshotRead(int key, Row row) {
        Struct value = base(key, "r", restartLsn, false).put("name", row.name()).put(NOTES, row.notes());
        Set<String> carried = new HashSet<>(List.of("name", NOTES));
        if (tierExists) {
            value.put(TIER, row.tier());
            carried.add(TIER);
        }
        add(key, Kind.SNAPSHOT, restartLsn, carried, value, headers());
    }

    private void delete(int key) {
        add(key, Kind.DELETE, lsn, Set.of(), base(key, "d", lsn, true), headers());
        ConnectHeaders tombstone = headers();
        tombstone.addString("tidemark.position", Long.toString(lsn));
        add(key, Kind.TOMBSTONE, lsn, Set.of(), null, tombstone);
    }

    /** Each poison record has a key of its own, so merge mode has no newer change of its key to supersede it. */
    private void poison(int partition) {
        List<Entry> log = partitions.get(partition);
        long key = 100L + 10L * log.size() + partition;
        Struct value = new Struct(POISON).put("id", key).put("amount", new BigDecimal("12345.67")).put("__op", "c").put("__position", lsn);
        String table = tables.get("poison");
        SinkRecord record = new SinkRecord("tm.public." + table, partition, KEY, new Struct(KEY).put("id", key), POISON, value,
                log.size(), null, null, headers(), topic, partition, log.size());
        log.add(new Entry(record, (int) key, Kind.POISON, lsn, Set.of(), table));
    }

    private Struct base(int key, String op, long position, boolean deleted) {
        return new Struct(schema()).put("id", (long) key).put("__op", op).put("__source_ts_ms", 1_700_000_000_000L + position)
                .put("__position", position).put("__deleted", deleted);
    }

    /** The source's headers: the captured table is the topic's (tm.public.<table>), routing transforms or not. */
    private ConnectHeaders headers() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("tidemark.schema", "public");
        headers.addString("tidemark.table", topic.substring(topic.lastIndexOf('.') + 1));
        return headers;
    }

    private void add(int key, Kind kind, long position, Set<String> carried, Struct value, ConnectHeaders headers) {
        int partition = partitionOf(key);
        List<Entry> log = partitions.get(partition);
        String table = tables.getOrDefault("key" + key, tables.get("main"));
        // The topic after the routing transform; the original coordinates are the topic's (KIP-793).
        SinkRecord record = new SinkRecord("tm.public." + table, partition, KEY, new Struct(KEY).put("id", (long) key),
                value == null ? null : value.schema(), value, log.size(), null, null, headers, topic, partition, log.size());
        log.add(new Entry(record, key, kind, position, Set.copyOf(carried), table));
    }

    public static int partitionOf(int key) {
        return key % PARTITIONS;
    }

    public String topic() {
        return topic;
    }

    public List<Entry> partition(int partition) {
        return partitions.get(partition);
    }

    /** The source table after the history: key to row. */
    public Map<Integer, Row> source() {
        return source;
    }

    /** Every record of one key, in the order of its partition. */
    public List<Entry> ofKey(int key) {
        return partitions.get(partitionOf(key)).stream().filter(entry -> entry.key() == key && entry.kind() != Kind.POISON).toList();
    }

    /** The keys any record or the source table mentions. */
    public Set<Integer> keys() {
        Set<Integer> keys = new HashSet<>(source.keySet());
        partitions.forEach(log -> log.stream().filter(entry -> entry.kind() != Kind.POISON).forEach(entry -> keys.add(entry.key())));
        return keys;
    }

    public Map<String, String> tables() {
        return new LinkedHashMap<>(tables);
    }
}
