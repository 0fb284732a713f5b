package io.tidemark.connect.source.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.NameValidator;
import org.apache.avro.Schema.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Builds the Avro schema the AvroConverter would register for a Connect schema (records for
 * structs, named after the struct; unions with null for optional fields; maps with non-string keys
 * as arrays of entries) using Apache Avro itself, and fails on any name Avro's strict validator
 * rejects: every dot-separated part of a record's full name and every field name.
 */
public final class AvroSchemaCheck {

    private final Map<String, org.apache.avro.Schema> definedRecords = new HashMap<>();

    private AvroSchemaCheck() {
    }

    /** The Avro equivalent of the schema; throws AssertionError naming the illegal name. */
    public static org.apache.avro.Schema assertAvroLegal(Schema connectSchema) {
        org.apache.avro.Schema avro = new AvroSchemaCheck().convert(connectSchema);
        // Round trip through Avro's strict parser as a schema registry would.
        new org.apache.avro.Schema.Parser(NameValidator.STRICT_VALIDATOR).parse(avro.toString());
        return avro;
    }

    private org.apache.avro.Schema convert(Schema schema) {
        org.apache.avro.Schema base = switch (schema.type()) {
            case INT8, INT16, INT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
            case INT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
            case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
            case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
            case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
            case STRING -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
            case BYTES -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
            case ARRAY -> org.apache.avro.Schema.createArray(convert(schema.valueSchema()));
            case MAP -> convertMap(schema);
            case STRUCT -> convertStruct(schema);
        };
        if (schema.isOptional()) {
            return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL),
                    base);
        }
        return base;
    }

    private org.apache.avro.Schema convertMap(Schema schema) {
        if (schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional()) {
            return org.apache.avro.Schema.createMap(convert(schema.valueSchema()));
        }
        List<Field> entry = List.of(new Field("key", convert(schema.keySchema())),
                new Field("value", convert(schema.valueSchema())));
        return org.apache.avro.Schema.createArray(
                org.apache.avro.Schema.createRecord("MapEntry", null, "io.confluent.connect.avro", false, entry));
    }

    private org.apache.avro.Schema convertStruct(Schema schema) {
        String fullName = schema.name() == null ? "io.confluent.connect.avro.ConnectDefault" : schema.name();
        org.apache.avro.Schema defined = definedRecords.get(fullName);
        if (defined != null) {
            return defined;
        }
        for (String part : fullName.split("\\.", -1)) {
            assertLegal(part, "schema name '" + fullName + "'");
        }
        int lastDot = fullName.lastIndexOf('.');
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(fullName.substring(lastDot + 1),
                schema.doc(), lastDot < 0 ? null : fullName.substring(0, lastDot), false);
        definedRecords.put(fullName, record);
        List<Field> fields = new ArrayList<>();
        for (org.apache.kafka.connect.data.Field field : schema.fields()) {
            assertLegal(field.name(), "field name in '" + fullName + "'");
            fields.add(new Field(field.name(), convert(field.schema())));
        }
        record.setFields(fields);
        return record;
    }

    private static void assertLegal(String name, String what) {
        NameValidator.Result result = NameValidator.STRICT_VALIDATOR.validate(name);
        if (!result.isOK()) {
            throw new AssertionError("Avro rejects '" + name + "' (" + what + "): " + result.getErrors());
        }
    }
}
