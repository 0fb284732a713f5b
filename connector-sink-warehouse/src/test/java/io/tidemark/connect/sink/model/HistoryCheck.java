package io.tidemark.connect.sink.model;

import io.tidemark.connect.sink.testing.TestWarehouse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one {@link History} through the real sink task into fresh tables of a database and checks the warehouse
 * against the {@link ExpectedWarehouse}: after every commit (no newer row deleted) and at the end (the tables).
 */
final class HistoryCheck {

    private static final AtomicInteger HISTORIES = new AtomicInteger();

    private final ModelDatabase database;

    HistoryCheck(ModelDatabase database) {
        this.database = database;
    }

    /** The sink configurations the properties run. */
    enum Mode {
        MERGE_HARD("merge", "hard"), MERGE_SOFT("merge", "soft"), APPEND("append", "soft");

        final String writeMode;
        final String deleteMode;

        Mode(String writeMode, String deleteMode) {
            this.writeMode = writeMode;
            this.deleteMode = deleteMode;
        }
    }

    /** Runs the history through the sink and checks the warehouse against the model. */
    void check(History history, Mode mode) throws Exception {
        TestWarehouse warehouse = database.warehouse();
        String name = "h" + HISTORIES.incrementAndGet();
        Map<String, String> tables = new HashMap<>();
        tables.put("poison", name + "_poison");
        if (mode == Mode.APPEND) {
            // A routing transform sends key 3 to a table of its own: partition 1 feeds two tables.
            tables.put("main", name + "_a");
            tables.put("key3", name + "_b");
        } else {
            tables.put("main", name);
        }
        ChangeLog log = ChangeLog.of(history, "tm.public." + name, tables);
        Map<String, String> config = new HashMap<>(warehouse.connectorConfig());
        config.put("name", "model-" + name);
        config.put("write.mode", mode.writeMode);
        config.put("delete.mode", mode.deleteMode);
        config.put("buffer.count.records", Integer.toString(history.bufferCountRecords()));
        config.put("flush.pipeline.depth", Integer.toString(history.pipelineDepth()));
        config.put("buffer.flush.time.ms", "3600000");
        config.put("retry.backoff.ms", "0");
        config.put("max.retries", "10");
        Runnable killer = database.connectionKiller() == null ? () -> { } : database.connectionKiller();
        SimulatedConnect[] running = new SimulatedConnect[1];
        Runnable orderSafety = mode == Mode.APPEND ? () -> { } : () -> assertNoNewerRowDeleted(log, running[0], mode);
        try (SimulatedConnect connect = new SimulatedConnect(log, config, orderSafety)) {
            running[0] = connect;
            for (DeliveryStep step : history.delivery()) {
                connect.apply(step, killer);
            }
            connect.drain(history.bufferCountRecords());
            List<String> poison = poisonOffsets(log);
            if (!poison.isEmpty()) {
                assertThat(reportedOffsets(connect)).as("records sent to the dead-letter queue").containsAll(poison);
                assertThat(rowsOf(tables.get("poison"), "id")).as("rows in the table that refuses its records").isEmpty();
            }
            if (mode == Mode.APPEND) {
                List<String> appended = new ArrayList<>();
                appended.addAll(appendedOffsets(tables.get("main")));
                appended.addAll(appendedOffsets(tables.get("key3")));
                appended.sort(null);
                assertThat(appended).as("partition:offset of every appended row").isEqualTo(ExpectedWarehouse.appended(log));
            } else {
                WarehouseTable actual = read(tables.get("main"), mode == Mode.MERGE_SOFT);
                List<String> expected = ExpectedWarehouse.merge(log, mode == Mode.MERGE_SOFT, actual.hasTier());
                if (!actual.hasUnknownMarker()) {
                    expected = expected.stream().map(row -> row.replace("=" + ExpectedWarehouse.UNKNOWN, "=null")).toList();
                }
                assertThat(actual.rows()).as("warehouse rows").isEqualTo(expected);
            }
        } finally {
            // Fresh tables per history; dropped afterwards so the catalog the sink reads stays small.
            for (String table : new java.util.TreeSet<>(tables.values())) {
                database.execute("DROP TABLE IF EXISTS " + warehouse.table(table));
            }
        }
    }

    private void assertNoNewerRowDeleted(ChangeLog log, SimulatedConnect connect, Mode mode) {
        try {
            Set<Integer> mustBeLive = ExpectedWarehouse.mustBeLive(log, connect);
            if (mustBeLive.isEmpty()) {
                return;
            }
            Set<Integer> live = new TreeSet<>();
            String table = log.tables().get("main");
            String where = mode == Mode.MERGE_SOFT ? " WHERE NOT \"__deleted\"" : "";
            database.query("SELECT id FROM " + database.warehouse().table(table) + where).forEach(row -> live.add(Integer.parseInt(row.get(0))));
            assertThat(live).as("live keys after a commit (each one's newest committed change is live and no newer delete was"
                    + " delivered)").containsAll(mustBeLive);
        } catch (Exception e) {
            throw new AssertionError("Reading the live keys after a commit failed; keys " + ExpectedWarehouse.mustBeLive(log, connect)
                    + " must be live", e);
        }
    }

    private static List<String> reportedOffsets(SimulatedConnect connect) {
        return connect.reports().stream().map(report -> "p" + report.record.originalKafkaPartition() + ":" + report.record.originalKafkaOffset())
                .distinct().toList();
    }

    private static List<String> poisonOffsets(ChangeLog log) {
        List<String> offsets = new ArrayList<>();
        for (int p = 0; p < ChangeLog.PARTITIONS; p++) {
            log.partition(p).stream().filter(entry -> entry.kind() == ChangeLog.Kind.POISON)
                    .forEach(entry -> offsets.add("p" + entry.partition() + ":" + entry.offset()));
        }
        return offsets;
    }

    private List<String> columns(String table) throws SQLException {
        List<String> names = new ArrayList<>();
        database.query("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "' AND " + database.schemaCondition())
                .forEach(row -> names.add(row.get(0)));
        return names;
    }

    /** The rows of the given columns, or none when the table does not exist (the sink never created it). */
    private List<List<String>> rowsOf(String table, String columns) throws SQLException {
        try {
            return database.query("SELECT " + columns + " FROM " + database.warehouse().table(table));
        } catch (SQLException e) {
            if (!columns(table).isEmpty()) {
                throw e;
            }
            return List.of();
        }
    }

    private List<String> appendedOffsets(String table) throws SQLException {
        List<String> offsets = new ArrayList<>();
        rowsOf(table, "\"__kafka_partition\", \"__kafka_offset\"").forEach(row -> offsets.add("p" + row.get(0) + ":" + row.get(1)));
        return offsets;
    }

    private WarehouseTable read(String table, boolean softDeletes) throws Exception {
        List<String> columns = columns(table);
        if (columns.isEmpty()) {
            return new WarehouseTable(List.of(), false, false);
        }
        boolean tier = columns.contains(ChangeLog.TIER);
        UnknownColumns unknown = UnknownColumns.in(columns);
        // A table that only ever received deletes has no data columns: they read as null.
        List<String> selected = new ArrayList<>(java.util.Arrays.asList("id"));
        for (String column : List.of("name", ChangeLog.NOTES)) {
            selected.add(columns.contains(column) ? "\"" + column + "\"" : "NULL");
        }
        if (tier) {
            selected.add("\"" + ChangeLog.TIER + "\"");
        }
        selected.add("\"__version\"");
        selected.add(softDeletes ? "\"__deleted\"" : "false");
        if (unknown != null) {
            selected.add("\"" + unknown.column() + "\"");
            selected.add("\"" + UnknownColumns.SINCE_OFFSET + "\"");
        }
        String list = String.join(", ", selected);
        List<String> rows = new ArrayList<>();
        for (List<String> row : database.query("SELECT " + list + " FROM " + database.warehouse().table(table) + " ORDER BY id")) {
            int i = 0;
            String id = row.get(i++);
            String name = row.get(i++);
            String notes = row.get(i++);
            String tierValue = tier ? row.get(i++) : null;
            String version = row.get(i++);
            boolean deleted = softDeletes && Boolean.parseBoolean(row.get(i));
            i++;
            Set<String> unknownHere = unknown == null ? Set.of() : unknown.parse(row.get(i++));
            String since = unknown == null ? null : row.get(i);
            if (deleted) {
                rows.add("id=" + id + " __version=" + version + " __deleted=true");
                continue;
            }
            StringBuilder rendered = new StringBuilder("id=" + id);
            rendered.append(" name=").append(unknownHere.contains("name") ? ExpectedWarehouse.UNKNOWN : name);
            rendered.append(" notes=").append(unknownHere.contains(ChangeLog.NOTES) ? ExpectedWarehouse.UNKNOWN : notes);
            if (tier) {
                rendered.append(" tier=").append(unknownHere.contains(ChangeLog.TIER) ? "null" : tierValue);
            }
            rendered.append(" __version=").append(version);
            if (unknownHere.isEmpty() == UnknownColumns.isPosition(since)) {
                // The position belongs to the unknown columns: it is there exactly when some are (a replay then
                // finds the same row whatever its records' folding). No expected row holds this.
                rendered.append(" ").append(UnknownColumns.SINCE_OFFSET).append('=').append(since);
            }
            if (softDeletes) {
                rendered.append(" __deleted=false");
            }
            rows.add(rendered.toString());
        }
        return new WarehouseTable(rows, tier, unknown != null);
    }

    private record WarehouseTable(List<String> rows, boolean hasTier, boolean hasUnknownMarker) {
    }
}
