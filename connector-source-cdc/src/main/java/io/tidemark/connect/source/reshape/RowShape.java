package io.tidemark.connect.source.reshape;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.tidemark.connect.source.values.NumericSpecialValues;

/**
 * How the records of one version of one table are reshaped: Debezium's key and row schemas on one
 * side, the contract's key and flat value schemas on the other. Built once per Debezium schema
 * (Debezium creates new schema objects when a table changes), so reshaping a record only copies
 * values.
 */
final class RowShape {

    private static final Set<String> METADATA_FIELDS = Set.of(ChangeEventContract.OP,
            ChangeEventContract.SOURCE_TS_MS, ChangeEventContract.POSITION, ChangeEventContract.DELETED);

    private final Schema debeziumKeySchema;
    private final String schemaName;
    private final String tableName;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Field[] rowFields;
    private final Field[] valueFields;
    /** Per row field, the unchanged-TOAST test, or null where the field cannot carry a placeholder. */
    private final Predicate<Object>[] toastDetectors;
    private final Field opField;
    private final Field sourceTsField;
    private final Field positionField;
    private final Field deletedField;
    private final boolean deletesCarryWholeRow;

    @SuppressWarnings("unchecked")
    RowShape(String topicPrefix, String schemaName, String tableName, Schema debeziumKeySchema,
            Schema debeziumRowSchema, UnchangedValues toast, boolean deletesCarryWholeRow) {
        this.debeziumKeySchema = debeziumKeySchema;
        this.deletesCarryWholeRow = deletesCarryWholeRow;
        this.schemaName = schemaName;
        this.tableName = tableName;
        this.keySchema = keySchema(AvroNames.schemaName(topicPrefix, schemaName, tableName, "Key"), debeziumKeySchema);

        Set<String> keyColumns = new HashSet<>();
        debeziumKeySchema.fields().forEach(field -> keyColumns.add(field.name()));
        SchemaBuilder value = SchemaBuilder.struct().name(AvroNames.schemaName(topicPrefix, schemaName, tableName,
                "Value"));
        List<Field> columns = debeziumRowSchema.fields();
        rowFields = columns.toArray(new Field[0]);
        toastDetectors = new Predicate[rowFields.length];
        for (int i = 0; i < rowFields.length; i++) {
            Field column = rowFields[i];
            if (METADATA_FIELDS.contains(column.name())) {
                throw new ConnectException("Table " + schemaName + "." + tableName + " has a column named "
                        + column.name() + ", a name the Tidemark change-event contract reserves for its metadata. "
                        + "Rename the column, or leave it out with debezium.column.exclude.list.");
            }
            boolean keyColumn = keyColumns.contains(column.name());
            // Deletes carry only the key columns (REPLICA IDENTITY DEFAULT) and unchanged TOAST columns
            // carry nothing, so every other column must accept null whatever the table says.
            value.field(column.name(), keyColumn ? column.schema() : optional(column.schema()));
            toastDetectors[i] = keyColumn ? null : toast.detectorFor(column.schema());
        }
        value.field(ChangeEventContract.OP, Schema.STRING_SCHEMA);
        value.field(ChangeEventContract.SOURCE_TS_MS, Schema.INT64_SCHEMA);
        value.field(ChangeEventContract.POSITION, Schema.INT64_SCHEMA);
        value.field(ChangeEventContract.DELETED, Schema.BOOLEAN_SCHEMA);
        valueSchema = value.build();

        valueFields = new Field[rowFields.length];
        for (int i = 0; i < rowFields.length; i++) {
            valueFields[i] = valueSchema.field(rowFields[i].name());
        }
        opField = valueSchema.field(ChangeEventContract.OP);
        sourceTsField = valueSchema.field(ChangeEventContract.SOURCE_TS_MS);
        positionField = valueSchema.field(ChangeEventContract.POSITION);
        deletedField = valueSchema.field(ChangeEventContract.DELETED);
    }

    /** Whether records keyed with this Debezium key schema belong to this shape. */
    boolean hasKeySchema(Schema schema) {
        return debeziumKeySchema == schema;
    }

    String schemaName() {
        return schemaName;
    }

    String tableName() {
        return tableName;
    }

    Schema keySchema() {
        return keySchema;
    }

    Schema valueSchema() {
        return valueSchema;
    }

    /** The contract's key: Debezium's key under our schema name (the same object when the names agree). */
    Struct key(Struct debeziumKey) {
        for (Field field : debeziumKeySchema.fields()) {
            if (NumericSpecialValues.specialText(debeziumKey.get(field)) != null) {
                throw new ConnectException("Table " + schemaName + "." + tableName + " has the numeric value "
                        + NumericSpecialValues.specialText(debeziumKey.get(field)) + " in its key column "
                        + field.name() + "; a Connect decimal cannot hold it, and a key cannot be left null. "
                        + "Key the table by other columns (message.key.columns).");
            }
        }
        if (keySchema == debeziumKeySchema) {
            return debeziumKey;
        }
        Struct key = new Struct(keySchema);
        for (Field field : debeziumKeySchema.fields()) {
            key.put(field.name(), debeziumKey.get(field));
        }
        return key;
    }

    /**
     * The flat value of one change.
     *
     * @param row Debezium's after-image, or before-image for deletes; may be null
     * @param detectUnchanged whether to look for unchanged-TOAST placeholders (updates, and the create of
     *     a primary-key change, may have them)
     * @param unchanged receives the names of the columns the database did not send
     * @param special receives, per column whose value no Connect type holds (a numeric NaN), its text; the
     *     field is null
     */
    Struct value(Struct row, Struct debeziumKey, String op, long sourceTsMs, long position,
            boolean detectUnchanged, List<String> unchanged, Map<String, String> special) {
        Struct value = new Struct(valueSchema);
        boolean delete = "d".equals(op);
        if (row == null || (delete && !deletesCarryWholeRow)) {
            // Only the key is real: the database sent nothing else.
            for (Field field : debeziumKey.schema().fields()) {
                value.put(field.name(), debeziumKey.get(field));
            }
        } else {
            for (int i = 0; i < rowFields.length; i++) {
                Object columnValue = row.get(rowFields[i]);
                Predicate<Object> detector = toastDetectors[i];
                if (detectUnchanged && detector != null && columnValue != null && detector.test(columnValue)) {
                    unchanged.add(rowFields[i].name());
                    columnValue = null;
                }
                String specialText = NumericSpecialValues.specialText(columnValue);
                if (specialText != null) {
                    special.put(rowFields[i].name(), specialText);
                    columnValue = null;
                }
                value.put(valueFields[i], asSchema(columnValue, valueFields[i].schema()));
            }
        }
        value.put(opField, op);
        value.put(sourceTsField, sourceTsMs);
        value.put(positionField, position);
        value.put(deletedField, delete);
        return value;
    }

    /**
     * A NOT NULL struct column (PostgreSQL's point) got an optional copy of its schema in the value, and
     * Connect accepts a Struct only under the very schema it was built with: its fields move to a Struct of
     * the optional schema.
     */
    private static Object asSchema(Object columnValue, Schema schema) {
        if (!(columnValue instanceof Struct struct) || struct.schema() == schema) {
            return columnValue;
        }
        Struct copy = new Struct(schema);
        for (Field field : schema.fields()) {
            copy.put(field, struct.get(field.name()));
        }
        return copy;
    }

    private static Schema keySchema(String name, Schema debeziumKeySchema) {
        if (name.equals(debeziumKeySchema.name())) {
            return debeziumKeySchema;
        }
        SchemaBuilder key = SchemaBuilder.struct().name(name);
        debeziumKeySchema.fields().forEach(field -> key.field(field.name(), field.schema()));
        return key.build();
    }

    /** The same schema, optional; nested schemas are shared, not copied. */
    static Schema optional(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder = builderOfSameType(schema)
                .name(schema.name())
                .version(schema.version())
                .doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.defaultValue() != null) {
            builder.defaultValue(schema.defaultValue());
        }
        return builder.optional().build();
    }

    private static SchemaBuilder builderOfSameType(Schema schema) {
        switch (schema.type()) {
            case STRUCT:
                SchemaBuilder struct = SchemaBuilder.struct();
                schema.fields().forEach(field -> struct.field(field.name(), field.schema()));
                return struct;
            case ARRAY:
                return SchemaBuilder.array(schema.valueSchema());
            case MAP:
                return SchemaBuilder.map(schema.keySchema(), schema.valueSchema());
            default:
                return SchemaBuilder.type(schema.type());
        }
    }
}
