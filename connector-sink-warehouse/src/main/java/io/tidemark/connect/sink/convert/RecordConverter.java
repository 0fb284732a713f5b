package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.table.WriteMode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link SinkRecord} into a {@link RowChange}, for every input shape (see {@link SourceChange})
 * and key shape (Struct, Map, primitive; from the key or from the value). Failures become
 * {@link RecordConversionException}s naming topic, partition and offset.
 */
public final class RecordConverter {

    private static final int CACHED_PLANS = 256;
    private static final int ROW_OVERHEAD_BYTES = 160;

    private final ConversionRules rules;
    private final TableNaming naming;
    private final Identifiers identifiers;
    private final ConnectValues connectValues = new ConnectValues();
    private final Set<String> reserved;
    private final Map<PlanKey, RowPlan> plans = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PlanKey, RowPlan> eldest) {
            return size() > CACHED_PLANS;
        }
    };

    public RecordConverter(ConversionRules rules, TableNaming naming, Identifiers identifiers) {
        this.rules = rules;
        this.naming = naming;
        this.identifiers = identifiers;
        this.reserved = Set.copyOf(rules.meta().all());
    }

    /** The shape a plan was built for: schemas when there are, field names of maps otherwise. */
    private record PlanKey(Object keyShape, Object rowShape) {
    }

    /**
     * The change the record makes, or null when it makes none: a tombstone where it cannot delete
     * (append mode, keys from the value), a delete when deletes are ignored, a Debezium truncate/message.
     *
     * @throws RecordConversionException when the record cannot be written
     */
    public RowChange convert(SinkRecord record) {
        KafkaCoordinates origin = KafkaCoordinates.of(record);
        try {
            return convert(record, origin);
        } catch (DataException | IllegalArgumentException | ClassCastException | ArithmeticException | DateTimeException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new RecordConversionException(origin, problem, e);
        }
    }

    private RowChange convert(SinkRecord record, KafkaCoordinates origin) {
        TableId table = naming.tableFor(record.topic(), record.headers());
        SourceChange change = SourceChange.of(record.value());
        if (change.ignored() || change.deleted() && !rules.keepsDeletes()) {
            return null;
        }
        if (change.row() == null && (rules.writeMode() == WriteMode.APPEND || rules.primaryKeyMode() == PrimaryKeyMode.RECORD_VALUE)) {
            return null;
        }
        RowPlan plan = plan(record, change);
        Object[] values = plan.read(record.key(), change.row());
        RowLayout layout = plan.layout();
        BitSet unchanged = new BitSet(values.length);
        if (change.deleted()) {
            // A delete's data columns are not news: the stored values stay (soft deletes keep the last state).
            unchanged.set(layout.keyCount(), values.length);
        } else {
            for (String name : UnchangedColumns.in(record.headers())) {
                int position = layout.indexOf(rules.identifierCase().apply(name));
                if (position >= layout.keyCount()) {
                    unchanged.set(position);
                }
            }
        }
        Long version = change.row() == null ? TombstonePosition.in(record.headers()) : version(change, origin);
        return new RowChange(table, layout, values, unchanged, version, change.deleted(), change.op(),
                change.sourceTsMs(), origin, record, ROW_OVERHEAD_BYTES + 2 * sizeOf(values));
    }

    /** Configured field, else the change's position (our __position, Debezium's source.lsn), else the offset. */
    private Long version(SourceChange change, KafkaCoordinates origin) {
        if (rules.versionField() != null) {
            Object value = fieldValue(change.row(), rules.versionField());
            if (value == null && !change.deleted()) {
                throw new DataException("its version field '" + rules.versionField() + "' is missing or null");
            }
            return SourceChange.asLong(value);
        }
        return change.position() != null ? change.position() : origin.offset();
    }

    private static Object fieldValue(Object row, String name) {
        if (row instanceof Struct struct) {
            return struct.schema().field(name) == null ? null : struct.get(name);
        }
        return ((Map<?, ?>) row).get(name);
    }

    private RowPlan plan(SinkRecord record, SourceChange change) {
        boolean keyUsed = rules.primaryKeyMode() == PrimaryKeyMode.RECORD_KEY;
        Object keyShape = keyUsed ? shape(record.keySchema(), record.key()) : null;
        Object rowShape = shape(change.rowSchema(), change.row());
        PlanKey planKey = new PlanKey(keyShape, rowShape);
        RowPlan plan = plans.get(planKey);
        if (plan == null) {
            plan = buildPlan(record, change);
            plans.put(planKey, plan);
        }
        return plan;
    }

    private static Object shape(Schema schema, Object value) {
        if (value instanceof Struct struct) {
            return struct.schema();
        }
        if (value instanceof Map<?, ?> map) {
            return List.copyOf(map.keySet().stream().map(String::valueOf).toList());
        }
        return schema != null ? schema : value == null ? null : value.getClass();
    }

    private RowPlan buildPlan(SinkRecord record, SourceChange change) {
        List<RowPlan.Slot> keys = new ArrayList<>();
        RowPlan.KeySource source = keySlots(record, change, keys);
        Set<String> keyNames = new HashSet<>();
        keys.forEach(slot -> keyNames.add(slot.fieldName()));
        List<RowPlan.Slot> data = new ArrayList<>();
        for (RowPlan.Slot slot : rowSlots(change.row())) {
            if (!keyNames.contains(slot.fieldName()) && !SourceChange.METADATA_FIELDS.contains(slot.fieldName())) {
                data.add(slot);
            }
        }
        Set<String> seen = new HashSet<>();
        List<Column> keyColumns = columns(keys, seen);
        RowLayout layout = new RowLayout(keyColumns, columns(data, seen));
        return new RowPlan(layout, source, keys, data, connectValues);
    }

    private List<Column> columns(List<RowPlan.Slot> slots, Set<String> seen) {
        List<Column> columns = new ArrayList<>();
        for (RowPlan.Slot slot : slots) {
            String name = rules.identifierCase().apply(slot.fieldName());
            identifiers.check(name, "column name for field '" + slot.fieldName() + "'");
            if (reserved.contains(name)) {
                throw new DataException("its field '" + slot.fieldName() + "' would be the column " + name
                        + ", which the sink reserves for its own metadata; rename the field (e.g. with the ReplaceField transform)");
            }
            if (!seen.add(name)) {
                throw new DataException("two of its fields map to the same column name '" + name + "' (identifier.case)");
            }
            columns.add(RowPlan.column(name, slot));
        }
        return columns;
    }

    private RowPlan.KeySource keySlots(SinkRecord record, SourceChange change, List<RowPlan.Slot> keys) {
        List<String> wanted = rules.primaryKeyFields();
        switch (rules.primaryKeyMode()) {
            case NONE:
                return RowPlan.KeySource.NONE;
            case RECORD_VALUE:
                keys.addAll(selectSlots(rowSlots(change.row()), wanted, "value"));
                return RowPlan.KeySource.ROW_FIELDS;
            default:
                return recordKeySlots(record, wanted, keys);
        }
    }

    private RowPlan.KeySource recordKeySlots(SinkRecord record, List<String> wanted, List<RowPlan.Slot> keys) {
        Object key = record.key();
        if (key == null) {
            throw new DataException("it has no key, and primary.key.mode=record_key needs one"
                    + " (use primary.key.mode=record_value with primary.key.fields for unkeyed topics)");
        }
        if (key instanceof Struct || key instanceof Map) {
            List<RowPlan.Slot> all = rowSlots(key);
            keys.addAll(wanted.isEmpty() ? all : selectSlots(all, wanted, "key"));
            if (keys.isEmpty()) {
                throw new DataException("its key has no fields");
            }
            return RowPlan.KeySource.KEY_FIELDS;
        }
        if (wanted.size() != 1) {
            throw new DataException("its key is a single value; set primary.key.fields to the one name its column should have");
        }
        Schema schema = record.keySchema();
        keys.add(new RowPlan.Slot(wanted.get(0), null, schema, schema == null ? ColumnType.SCHEMALESS : connectValues.columnType(schema)));
        return RowPlan.KeySource.KEY_ITSELF;
    }

    private static List<RowPlan.Slot> selectSlots(List<RowPlan.Slot> all, List<String> wanted, String where) {
        List<RowPlan.Slot> selected = new ArrayList<>();
        for (String name : wanted) {
            RowPlan.Slot slot = all.stream().filter(candidate -> candidate.fieldName().equals(name)).findFirst()
                    .orElseThrow(() -> new DataException("its " + where + " has no field '" + name + "' named in primary.key.fields"));
            selected.add(slot);
        }
        return selected;
    }

    private List<RowPlan.Slot> rowSlots(Object row) {
        List<RowPlan.Slot> slots = new ArrayList<>();
        if (row instanceof Struct struct) {
            for (Field field : struct.schema().fields()) {
                slots.add(new RowPlan.Slot(field.name(), field, field.schema(), connectValues.columnType(field.schema())));
            }
        } else if (row instanceof Map<?, ?> map) {
            for (Object name : map.keySet()) {
                slots.add(new RowPlan.Slot(String.valueOf(name), null, null, ColumnType.SCHEMALESS));
            }
        }
        return slots;
    }

    private static long sizeOf(Object[] values) {
        long size = 16L + 8L * values.length;
        for (Object value : values) {
            if (value instanceof String text) {
                size += 40 + text.length();
            } else if (value instanceof byte[] bytes) {
                size += 16 + bytes.length;
            } else if (value != null) {
                size += 24;
            }
        }
        return size;
    }
}
