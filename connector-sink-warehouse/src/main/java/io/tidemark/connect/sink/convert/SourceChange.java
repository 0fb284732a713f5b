package io.tidemark.connect.sink.convert;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.util.Map;
import java.util.Set;

/**
 * What a record's value says, whatever its shape: the row (a Struct or a Map; null for a tombstone),
 * the operation, whether it deletes, and the metadata our change-event contract or a Debezium envelope
 * carries. Recognised shapes:
 * <ul>
 *   <li>a Debezium envelope: {@code op} with {@code before}/{@code after} (and {@code source.lsn},
 *       {@code source.ts_ms});</li>
 *   <li>a flat row, including our contract: the fields {@code __op}, {@code __deleted}, {@code __position}
 *       and {@code __source_ts_ms} are metadata wherever they appear, never data columns;</li>
 *   <li>a tombstone (null value): a delete by key.</li>
 * </ul>
 */
record SourceChange(Object row, Schema rowSchema, String op, boolean deleted, Long position, Long sourceTsMs, boolean ignored) {

    static final Set<String> METADATA_FIELDS = Set.of("__op", "__deleted", "__position", "__source_ts_ms");

    static final SourceChange TOMBSTONE = new SourceChange(null, null, "d", true, null, null, false);
    private static final SourceChange IGNORED = new SourceChange(null, null, null, false, null, null, true);

    static SourceChange of(Object value) {
        if (value == null) {
            return TOMBSTONE;
        }
        if (value instanceof Struct struct) {
            return isEnvelope(struct.schema()) ? envelope(struct) : flat(struct, struct.schema());
        }
        if (value instanceof Map<?, ?> map) {
            return isEnvelope(map) ? envelope(map) : flat(map, null);
        }
        throw new org.apache.kafka.connect.errors.DataException("the value is a " + value.getClass().getSimpleName()
                + "; the sink needs a Struct or a Map (use a converter that produces them, e.g. JsonConverter)");
    }

    private static boolean isEnvelope(Schema schema) {
        return schema.field("op") != null && schema.field("op").schema().type() == Schema.Type.STRING
                && (isStruct(schema, "after") || isStruct(schema, "before"));
    }

    private static boolean isStruct(Schema schema, String field) {
        return schema.field(field) != null && schema.field(field).schema().type() == Schema.Type.STRUCT;
    }

    private static boolean isEnvelope(Map<?, ?> map) {
        return map.get("op") instanceof String
                && (map.get("after") instanceof Map || map.get("before") instanceof Map);
    }

    private static SourceChange envelope(Struct envelope) {
        String op = envelope.getString("op");
        Struct source = envelope.schema().field("source") == null ? null : envelope.getStruct("source");
        Long lsn = source != null && source.schema().field("lsn") != null ? source.getInt64("lsn") : null;
        Long ts = source != null && source.schema().field("ts_ms") != null ? source.getInt64("ts_ms") : null;
        return fromOp(op, envelope.getStruct("before"), envelope.getStruct("after"),
                envelope.schema().field(isStruct(envelope.schema(), "after") ? "after" : "before").schema(), lsn, ts);
    }

    private static SourceChange envelope(Map<?, ?> envelope) {
        Map<?, ?> source = envelope.get("source") instanceof Map<?, ?> s ? s : Map.of();
        return fromOp((String) envelope.get("op"), envelope.get("before"), envelope.get("after"), null,
                asLong(source.get("lsn")), asLong(source.get("ts_ms")));
    }

    private static SourceChange fromOp(String op, Object before, Object after, Schema rowSchema, Long lsn, Long ts) {
        switch (op) {
            case "c":
            case "r":
            case "u":
                return new SourceChange(after, rowSchema, op, false, lsn, ts, false);
            case "d":
                return new SourceChange(before, rowSchema, op, true, lsn, ts, false);
            default:
                // t (truncate) and m (message) carry no row.
                return IGNORED;
        }
    }

    private static SourceChange flat(Struct row, Schema schema) {
        String op = schema.field("__op") == null ? null : (String) row.get("__op");
        Object deletedFlag = schema.field("__deleted") == null ? null : row.get("__deleted");
        Long position = schema.field("__position") == null ? null : asLong(row.get("__position"));
        Long ts = schema.field("__source_ts_ms") == null ? null : asLong(row.get("__source_ts_ms"));
        return new SourceChange(row, schema, op, isDelete(op, deletedFlag), position, ts, false);
    }

    private static SourceChange flat(Map<?, ?> row, Schema schema) {
        String op = row.get("__op") instanceof String text ? text : null;
        return new SourceChange(row, schema, op, isDelete(op, row.get("__deleted")), asLong(row.get("__position")),
                asLong(row.get("__source_ts_ms")), false);
    }

    /** Our contract says {@code __op = d}; Debezium's unwrap transform says {@code __deleted = "true"}. */
    private static boolean isDelete(String op, Object deletedFlag) {
        return "d".equals(op) || Boolean.TRUE.equals(deletedFlag) || "true".equals(deletedFlag);
    }

    static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof java.util.Date date) {
            return date.getTime();
        }
        return Long.parseLong(value.toString().trim());
    }
}
