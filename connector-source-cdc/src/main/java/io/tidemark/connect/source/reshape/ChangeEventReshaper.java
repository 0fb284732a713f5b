package io.tidemark.connect.source.reshape;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.data.Envelope;

/**
 * Turns the records of a Debezium task (PostgreSQL's or MySQL's) into the Tidemark change-event contract: the
 * primary key as key, the flat row plus {@code __op}, {@code __source_ts_ms}, {@code __position} and
 * {@code __deleted} as value, a tombstone after each delete (with the delete's position in the
 * {@code tidemark.position} header), unchanged TOAST columns as null listed
 * in the {@code tidemark.unchanged} header.
 *
 * <p>Every output record keeps the source partition and offset of the Debezium record it came from,
 * so Connect stores exactly Debezium's offsets. Records that are not row changes (heartbeats,
 * transaction markers, logical decoding messages) pass through unchanged.
 */
public final class ChangeEventReshaper {

    private static final Schema UNCHANGED_SCHEMA = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    private static final Schema SPECIAL_SCHEMA = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build();
    /**
     * Shapes per Debezium envelope schema, by identity: Debezium keeps one schema object per table
     * version, so identity is exact and avoids hashing whole schemas per record. Old versions are
     * never seen again once a table changed; the map is simply emptied when it grows this large.
     */
    private static final int MAX_CACHED_SHAPES = 1024;

    private final String topicPrefix;
    private final boolean tombstonesOnDelete;
    private final UnchangedValues toast;
    private final ChangeOrigin origin;
    private final DeletedRowImage deletedRowImage;
    private final Map<Schema, RowShape> shapes = new IdentityHashMap<>();

    /**
     * @param origin what is database-specific in a change: its table and its position
     * @param unchanged recognises columns the database did not send ({@link UnchangedValues#NONE} where
     *     every image is whole)
     */
    public ChangeEventReshaper(String topicPrefix, boolean tombstonesOnDelete, UnchangedValues unchanged,
            ChangeOrigin origin, DeletedRowImage deletedRowImage) {
        this.deletedRowImage = deletedRowImage;
        this.topicPrefix = topicPrefix;
        this.tombstonesOnDelete = tombstonesOnDelete;
        this.toast = unchanged;
        this.origin = origin;
    }

    /** Reshapes one batch polled from Debezium; null stays null (Connect's "nothing yet"). */
    public List<SourceRecord> reshape(List<SourceRecord> records) {
        if (records == null || records.isEmpty()) {
            return records;
        }
        List<SourceRecord> out = new ArrayList<>(records.size() + 8);
        for (SourceRecord record : records) {
            String op = rowChangeOp(record);
            if (op == null) {
                out.add(record);
                continue;
            }
            reshapeRowChange(record, op, out);
        }
        return out;
    }

    /** The operation of a row change (c, u, d, r), or null for any other record. */
    private static String rowChangeOp(SourceRecord record) {
        Schema valueSchema = record.valueSchema();
        if (record.value() == null || valueSchema == null || valueSchema.name() == null
                || !Envelope.isEnvelopeSchema(valueSchema)) {
            return null;
        }
        String op = ((Struct) record.value()).getString(Envelope.FieldName.OPERATION);
        return "c".equals(op) || "u".equals(op) || "d".equals(op) || "r".equals(op) ? op : null;
    }

    private void reshapeRowChange(SourceRecord record, String op, List<SourceRecord> out) {
        Struct envelope = (Struct) record.value();
        Struct source = envelope.getStruct(Envelope.FieldName.SOURCE);
        if (record.key() == null) {
            throw new ConnectException("Table " + origin.schema(source) + "." + origin.table(source)
                    + " has no primary key and no entry in message.key.columns, and the connector does not emit "
                    + "keyless changes. Add a primary key to the table or list its key columns in "
                    + "message.key.columns.");
        }
        RowShape shape = shapeFor(record, source);
        Struct debeziumKey = (Struct) record.key();
        boolean delete = "d".equals(op);
        Struct row = envelope.getStruct(delete ? Envelope.FieldName.BEFORE : Envelope.FieldName.AFTER);
        long position = origin.position(source, "r".equals(op));
        List<String> unchanged = new ArrayList<>(0);
        Map<String, String> special = new LinkedHashMap<>(0);
        // Updates carry placeholders, and so does the create that Debezium makes of an UPDATE changing the
        // primary key: its new row leaves out the same untouched TOAST values. A plain INSERT sends every
        // value, so looking at creates too can only find placeholders where there are some.
        boolean mayHaveUnchanged = "u".equals(op) || "c".equals(op);
        Struct value = shape.value(row, debeziumKey, op, source.getInt64("ts_ms"), position, mayHaveUnchanged,
                unchanged, special);

        Struct key = shape.key(debeziumKey);
        ConnectHeaders headers = new ConnectHeaders(record.headers());
        headers.addString(ChangeEventContract.SCHEMA_HEADER, shape.schemaName());
        headers.addString(ChangeEventContract.TABLE_HEADER, shape.tableName());
        if (!unchanged.isEmpty()) {
            headers.addList(ChangeEventContract.UNCHANGED_HEADER, unchanged, UNCHANGED_SCHEMA);
        }
        if (!special.isEmpty()) {
            headers.addMap(ChangeEventContract.SPECIAL_HEADER, special, SPECIAL_SCHEMA);
        }
        out.add(new SourceRecord(record.sourcePartition(), record.sourceOffset(), record.topic(),
                record.kafkaPartition(), shape.keySchema(), key, shape.valueSchema(), value, record.timestamp(),
                headers));
        if (delete && tombstonesOnDelete) {
            ConnectHeaders tombstoneHeaders = new ConnectHeaders();
            tombstoneHeaders.addString(ChangeEventContract.SCHEMA_HEADER, shape.schemaName());
            tombstoneHeaders.addString(ChangeEventContract.TABLE_HEADER, shape.tableName());
            tombstoneHeaders.addString(ChangeEventContract.POSITION_HEADER, Long.toString(position));
            // Same source offset as the delete, as Debezium's own tombstones have.
            out.add(new SourceRecord(record.sourcePartition(), record.sourceOffset(), record.topic(),
                    record.kafkaPartition(), shape.keySchema(), key, null, null, record.timestamp(),
                    tombstoneHeaders));
        }
    }

    private RowShape shapeFor(SourceRecord record, Struct source) {
        Schema envelopeSchema = record.valueSchema();
        RowShape shape = shapes.get(envelopeSchema);
        if (shape == null || !shape.hasKeySchema(record.keySchema())) {
            if (shapes.size() >= MAX_CACHED_SHAPES) {
                shapes.clear();
            }
            Schema rowSchema = envelopeSchema.field(Envelope.FieldName.AFTER).schema();
            String schema = origin.schema(source);
            String table = origin.table(source);
            shape = new RowShape(topicPrefix, schema, table, record.keySchema(), rowSchema, toast,
                    deletedRowImage.carriesWholeRow(schema, table));
            shapes.put(envelopeSchema, shape);
        }
        return shape;
    }
}
