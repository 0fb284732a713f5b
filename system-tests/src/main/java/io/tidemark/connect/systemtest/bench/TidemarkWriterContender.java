package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.WarehouseSinkConfig;
import io.tidemark.connect.sink.buffer.ChangeBuffer;
import io.tidemark.connect.sink.convert.RecordConverter;
import io.tidemark.connect.sink.convert.RowChange;
import io.tidemark.connect.sink.convert.TableNaming;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.Dialects;
import io.tidemark.connect.sink.dialect.OffsetTable;
import io.tidemark.connect.sink.table.TableId;
import io.tidemark.connect.sink.write.FlushResult;
import io.tidemark.connect.sink.write.WarehouseWriter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Our sink's flush path, driven through the sink module's own classes as its task wires them, configured from
 * a config example: records in our change-event contract are converted and deduplicated by the sink's buffer
 * (not timed, that is the task's put()), then each flush is timed around {@link WarehouseWriter#write}: table
 * check, staging table, bulk load (COPY / Appender), MERGE, commit.
 */
final class TidemarkWriterContender extends WriterContender {

    static final String TOPIC = "bench.public." + WriterTable.NAME;

    private final Map<String, String> config;
    /** Where only the MERGEs are timed (the writer's floor); null to time each whole flush. */
    private final MergeClock mergeOnly;

    TidemarkWriterContender(String name, WriterTable table, WriterWorkload workload, Map<String, String> config) {
        this(name, table, workload, config, false);
    }

    /** @param mergeOnly time only the MERGE statements of the flushes: the writer's MERGE floor */
    TidemarkWriterContender(String name, WriterTable table, WriterWorkload workload, Map<String, String> config, boolean mergeOnly) {
        super(name, table, workload, true);
        this.config = Map.copyOf(config);
        this.mergeOnly = mergeOnly ? new MergeClock() : null;
    }

    @Override
    long writeFlushes() throws Exception {
        WarehouseSinkConfig sink = new WarehouseSinkConfig(config);
        Dialect installed = Dialects.installed().select(sink.dialect(), sink.connection().url());
        Dialect dialect = mergeOnly == null ? installed : mergeOnly.timing(installed);
        long mergeBefore = mergeOnly == null ? 0 : mergeOnly.nanos();
        TableNaming naming = new TableNaming(sink.tableNameFormat(), sink.tableSchema(), sink.identifierCase(), dialect.identifiers());
        RecordConverter converter = new RecordConverter(sink.conversionRules(), naming, dialect.identifiers());
        WarehouseWriter.Settings settings = new WarehouseWriter.Settings(sink.writeMode(), sink.deleteMode(), sink.autoCreate(),
            sink.autoEvolve(), sink.metadataColumns(), OffsetTable.in(sink.tableSchema(), sink.identifierCase()), sink.connectorName());
        ChangeBuffer buffer = new ChangeBuffer(true);
        long offset = 0;
        long nanos = 0;
        try (WarehouseWriter writer = new WarehouseWriter(dialect, sink.connection(), settings)) {
            for (WriterWorkload.Flush flush : workload().flushes()) {
                for (int i = 0; i < flush.size(); i++) {
                    long id = flush.ids()[i];
                    SinkRecord record = new SinkRecord(TOPIC, 0, CustomerRows.KEY, CustomerRows.key(id), CustomerRows.CONTRACT,
                        CustomerRows.contract(id, flush.versions()[i], flush.ops()[i]), offset++);
                    buffer.add(converter.convert(record), System.currentTimeMillis());
                }
                TableId table = buffer.tables().get(0);
                List<RowChange> changes = buffer.changes(table);
                long start = System.nanoTime();
                FlushResult result = writer.write(table, changes);
                nanos += System.nanoTime() - start;
                buffer.remove(table);
                if (!result.rejected().isEmpty() || result.rows() != flush.size()) {
                    throw new IllegalStateException(name() + " wrote " + result.rows() + " of " + flush.size() + " rows, rejected "
                        + result.rejected().size());
                }
            }
        }
        return mergeOnly == null ? nanos : mergeOnly.nanos() - mergeBefore;
    }
}
