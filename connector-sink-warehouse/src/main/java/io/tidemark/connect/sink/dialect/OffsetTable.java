package io.tidemark.connect.sink.dialect;

import io.tidemark.connect.sink.table.IdentifierCase;
import io.tidemark.connect.sink.table.TableId;

/**
 * A table where append mode keeps Kafka offsets in the same transaction as the rows it appends.
 *
 * <p>Two of them. {@code __tidemark_offsets} (key connector, topic, partition) holds where each partition
 * resumes: every record of the partition before that offset is in the warehouse or needed no write, whatever
 * table it went to; a restarted task seeks there. {@code __tidemark_table_offsets} (key connector, table_name,
 * topic, partition) holds, per table, the offset after the last record appended to that table: records from
 * the resume position on that a table already has are not appended again. One partition's records can go to
 * several tables (a routing transform), so one offset per partition cannot tell both.
 *
 * @param tableName the column naming the warehouse table, or null for the per-partition table
 * @param perTable  the per-table companion of the per-partition table (null for the companion itself)
 */
public record OffsetTable(TableId table, String connector, String topic, String partition, String nextOffset, String tableName,
                          OffsetTable perTable) {

    /** The per-partition resume table, with its per-table companion, in {@code schema}. */
    public static OffsetTable in(String schema, IdentifierCase identifierCase) {
        OffsetTable perTable = new OffsetTable(
                new TableId(schema, identifierCase.apply("__tidemark_table_offsets")),
                identifierCase.apply("connector"),
                identifierCase.apply("topic"),
                identifierCase.apply("kafka_partition"),
                identifierCase.apply("next_offset"),
                identifierCase.apply("table_name"),
                null);
        return new OffsetTable(
                new TableId(schema, identifierCase.apply("__tidemark_offsets")),
                perTable.connector(), perTable.topic(), perTable.partition(), perTable.nextOffset(), null, perTable);
    }

    /** The key columns, in the order of the statements' parameters. */
    public java.util.List<String> key() {
        return tableName == null ? java.util.List.of(connector, topic, partition) : java.util.List.of(connector, tableName, topic, partition);
    }
}
