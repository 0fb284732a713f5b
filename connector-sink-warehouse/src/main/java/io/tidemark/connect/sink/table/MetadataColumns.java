package io.tidemark.connect.sink.table;

import java.util.List;

/**
 * The names of the columns the sink adds beside the data columns, spelled with the identifier case
 * option. Data columns stay identical to the source's, so a reconciliation can compare them directly;
 * everything the sink adds starts with two underscores.
 *
 * @param version        the order guard: a change older than the stored one never overwrites it
 * @param sourceTsMs     commit time in the source database, when the record carries one
 * @param deleted        soft-delete flag (and, in staging tables, whether a change is a delete)
 * @param op             the change's operation (append mode)
 * @param kafkaTopic     original topic of the record (append mode)
 * @param kafkaPartition original partition of the record (append mode)
 * @param kafkaOffset    original offset of the record (append mode)
 * @param unknown        merge mode: the data columns the row holds without ever having received their value
 *                       (a TOAST column an UPDATE left untouched, for a row the warehouse did not hold yet),
 *                       each name in double quotes followed by a comma ({@code "notes",}); null when none
 * @param unknownSincePartition merge mode, with {@code unknownSinceOffset}: the Kafka position of the records that
 *                       inserted the row with unknown columns (the topic and partition, {@code <topic>-<partition>},
 *                       and the last offset); a record later in that partition may fill them whatever its version,
 *                       an earlier one (a replay) may not. Null when the row has no unknown column
 * @param unknownSinceOffset see {@code unknownSincePartition}
 * @param revives        in staging tables only: a delete of the key came before the change in Kafka (both folded
 *                       into it), so the row it writes keeps nothing of the stored one
 */
public record MetadataColumns(String version, String sourceTsMs, String deleted, String op,
                              String kafkaTopic, String kafkaPartition, String kafkaOffset, String unknown,
                              String unknownSincePartition, String unknownSinceOffset, String revives) {

    public static MetadataColumns spelled(IdentifierCase identifierCase) {
        return new MetadataColumns(
                identifierCase.apply("__version"),
                identifierCase.apply("__source_ts_ms"),
                identifierCase.apply("__deleted"),
                identifierCase.apply("__op"),
                identifierCase.apply("__kafka_topic"),
                identifierCase.apply("__kafka_partition"),
                identifierCase.apply("__kafka_offset"),
                identifierCase.apply("__unknown_columns"),
                identifierCase.apply("__unknown_since_partition"),
                identifierCase.apply("__unknown_since_offset"),
                identifierCase.apply("__revives"));
    }

    /** Every name, to refuse data fields that would collide with one of them. */
    public List<String> all() {
        return List.of(version, sourceTsMs, deleted, op, kafkaTopic, kafkaPartition, kafkaOffset, unknown, unknownSincePartition,
                unknownSinceOffset, revives);
    }
}
