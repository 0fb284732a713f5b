package io.tidemark.connect.sink.convert;

import io.tidemark.connect.sink.table.Column;
import io.tidemark.connect.sink.table.ColumnType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import java.util.List;
import java.util.Map;

/**
 * How to read the values of rows of one shape (key schema and row schema, or the field names of
 * schemaless maps) into a {@link RowLayout}. Built once per shape and cached by {@link RecordConverter}.
 */
final class RowPlan {

    /** Where the key values are read. */
    enum KeySource { KEY_FIELDS, KEY_ITSELF, ROW_FIELDS, NONE }

    private final RowLayout layout;
    private final KeySource keySource;
    private final Slot[] keys;
    private final Slot[] data;
    private final ConnectValues connectValues;

    /**
     * One column's source: a field name (and for Structs its Field and schema) and the column type.
     * A null schema means a schemaless value, kept raw until the flush gives it the column's type.
     */
    record Slot(String fieldName, Field field, Schema schema, ColumnType type) {
    }

    RowPlan(RowLayout layout, KeySource keySource, List<Slot> keys, List<Slot> data, ConnectValues connectValues) {
        this.layout = layout;
        this.keySource = keySource;
        this.keys = keys.toArray(new Slot[0]);
        this.data = data.toArray(new Slot[0]);
        this.connectValues = connectValues;
    }

    RowLayout layout() {
        return layout;
    }

    /** The row's values aligned with the layout; a missing row (tombstone) leaves data columns null. */
    Object[] read(Object key, Object row) {
        Object[] values = new Object[keys.length + data.length];
        for (int i = 0; i < keys.length; i++) {
            Object source = keySource == KeySource.ROW_FIELDS ? row : key;
            Object value = keySource == KeySource.KEY_ITSELF ? canonical(keys[i], key) : value(keys[i], source);
            if (value == null) {
                throw new DataException("its key column '" + layout.columns().get(i).name() + "' is null");
            }
            values[i] = value;
        }
        if (row != null) {
            for (int i = 0; i < data.length; i++) {
                values[keys.length + i] = value(data[i], row);
            }
        }
        return values;
    }

    private Object value(Slot slot, Object source) {
        if (source instanceof Struct struct) {
            return canonical(slot, struct.get(slot.field()));
        }
        return ((Map<?, ?>) source).get(slot.fieldName());
    }

    private Object canonical(Slot slot, Object raw) {
        return slot.schema() == null ? raw : connectValues.canonical(raw, slot.schema(), slot.type());
    }

    static Column column(String name, Slot slot) {
        return new Column(name, slot.type());
    }
}
