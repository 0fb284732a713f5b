package io.tidemark.connect.smt.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import io.tidemark.connect.smt.field.ScalarText;

/**
 * The masking of one value of a known schema, compiled by {@link SchemaPlanner}: per record it only walks arrays and
 * field indexes, builds new containers and calls strategies. Inputs are never modified.
 */
abstract class ValueMask {

    private final Schema schema;

    ValueMask(Schema schema) {
        this.schema = schema;
    }

    /** The schema of the masked value. The same object as the input schema when masking changes no type. */
    final Schema schema() {
        return schema;
    }

    /** The masked copy of a non-null value. */
    abstract Object apply(Object value);

    /** A Struct rebuilt field by field, masking the fields that have a mask and copying the others. */
    static final class StructMask extends ValueMask {
        private final Field[] inputFields;
        private final Field[] outputFields;
        private final ValueMask[] masks;
        private final boolean[] hasDefault;

        /** @param masks per input field index, null where the field is copied */
        StructMask(Schema input, Schema output, ValueMask[] masks) {
            super(output);
            this.inputFields = input.fields().toArray(new Field[0]);
            this.outputFields = output.fields().toArray(new Field[0]);
            this.masks = masks.clone();
            this.hasDefault = new boolean[inputFields.length];
            for (int i = 0; i < inputFields.length; i++) {
                hasDefault[i] = inputFields[i].schema().defaultValue() != null;
            }
        }

        @Override
        Object apply(Object value) {
            Struct input = (Struct) value;
            Struct output = new Struct(schema());
            for (int i = 0; i < inputFields.length; i++) {
                // Struct.get(Field) reads a null as the field's default; a null must stay a null (a CDC source
                // sends the column's real value, and the sink must write what the database holds).
                Object fieldValue = hasDefault[i] ? input.getWithoutDefault(inputFields[i].name())
                        : input.get(inputFields[i]);
                if (fieldValue != null && masks[i] != null) {
                    fieldValue = masks[i].apply(fieldValue);
                }
                output.put(outputFields[i], fieldValue);
            }
            return output;
        }
    }

    /** Every element of an array masked the same way. */
    static final class ArrayMask extends ValueMask {
        private final ValueMask element;

        ArrayMask(Schema schema, ValueMask element) {
            super(schema);
            this.element = element;
        }

        @Override
        Object apply(Object value) {
            List<?> input = (List<?>) value;
            List<Object> output = new ArrayList<>(input.size());
            for (Object item : input) {
                output.add(item == null ? null : element.apply(item));
            }
            return output;
        }
    }

    /** Named entries of a map with string keys masked; the other entries copied. */
    static final class MapEntriesMask extends ValueMask {
        private final Map<String, ValueMask> entries;

        MapEntriesMask(Schema schema, Map<String, ValueMask> entries) {
            super(schema);
            this.entries = Map.copyOf(entries);
        }

        @Override
        Object apply(Object value) {
            Map<?, ?> input = (Map<?, ?>) value;
            Map<Object, Object> output = new LinkedHashMap<>(input);
            entries.forEach((key, mask) -> {
                Object entry = input.get(key);
                if (entry != null) {
                    output.put(key, mask.apply(entry));
                }
            });
            return output;
        }
    }

    /** A string field masked in place. */
    static final class StringMask extends ValueMask {
        private final MaskStrategy strategy;

        StringMask(Schema schema, MaskStrategy strategy) {
            super(schema);
            this.strategy = strategy;
        }

        @Override
        Object apply(Object value) {
            return strategy.mask((String) value);
        }
    }

    /** A non-string field masked through its text form, becoming a string field. */
    static final class ConvertingMask extends ValueMask {
        private final MaskStrategy strategy;

        ConvertingMask(Schema schema, MaskStrategy strategy) {
            super(schema);
            this.strategy = strategy;
        }

        @Override
        Object apply(Object value) {
            return strategy.mask(ScalarText.of(value));
        }
    }

    /** A non-string optional field set to null. */
    static final class NullMask extends ValueMask {
        NullMask(Schema schema) {
            super(schema);
        }

        @Override
        Object apply(Object value) {
            return null;
        }
    }
}
