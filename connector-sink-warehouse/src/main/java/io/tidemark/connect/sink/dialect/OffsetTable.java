package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.TableId;

/**
 * The table where append mode keeps the Kafka offsets it has written, in the same transaction as the
 * rows, so a restarted task resumes exactly after them.
 */
public record OffsetTable(TableId table, String connector, String topic, String partition, String nextOffset) {

    public static OffsetTable in(String schema, IdentifierCase identifierCase) {
        return new OffsetTable(
                new TableId(schema, identifierCase.apply("__tidemark_offsets")),
                identifierCase.apply("connector"),
                identifierCase.apply("topic"),
                identifierCase.apply("kafka_partition"),
                identifierCase.apply("next_offset"));
    }
}
