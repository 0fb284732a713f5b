package io.tidemark.connect.systemtest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.connect.systemtest.Await;
import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import io.tidemark.connect.systemtest.connect.ConnectWorker;
import io.tidemark.connect.systemtest.connect.ConnectorOffsets;
import io.tidemark.connect.systemtest.junit.LocalStackExtension;
import io.tidemark.connect.systemtest.mariadb.MariaDbServer;
import io.tidemark.connect.systemtest.pipeline.DuckDbWarehouse;
import io.tidemark.connect.systemtest.pipeline.PostgresWarehouse;
import io.tidemark.connect.systemtest.pipeline.Warehouse;
import io.tidemark.connect.systemtest.stack.LocalStack;
import io.tidemark.connect.systemtest.stack.TestNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MariaDB to the PostgreSQL and the DuckDB warehouse through the zip on a real worker, the connectors
 * registered over REST from the shipped examples (source-mariadb-cdc.json, sink-postgres.json,
 * sink-duckdb.json) with only environment and isolation keys changed: a snapshot, then a random workload of inserts, updates, deletes, primary-key
 * changes and multi-statement transactions, with one fault in the middle of it: the source connector and
 * its task restarted through REST, or the worker killed with SIGKILL and started again. Both warehouses
 * must end up equal to MariaDB, row for row.
 */
@ExtendWith(LocalStackExtension.class)
class MariaDbToWarehouseIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int CUSTOMERS = 40;
    private static final int OPERATIONS = 400;

    @Test
    void theWarehouseEqualsMariaDbRowForRowAfterAWorkloadWithASourceRestart(LocalStack stack) throws Exception {
        runWorkload(stack, TestNames.of("e2e_mariadb"), (source, worker) -> stack.connect().restart(source, true, false));
    }

    /** The worker running both connectors is killed with SIGKILL mid-workload and started again. */
    @Test
    void theWarehouseEqualsMariaDbRowForRowAfterTheWorkerIsKilled(LocalStack stack) throws Exception {
        Scenario.requireWorkers(stack, 1);
        ConnectWorker worker = stack.worker();
        try {
            runWorkload(stack, TestNames.of("e2e_mariadb_kill"), (source, unused) -> {
                worker.kill();
                worker.start();
            });
        } finally {
            if (!worker.isRunning()) {
                worker.start();
            }
        }
    }

    private static void runWorkload(LocalStack stack, TestNames names, BiConsumer<String, ConnectWorker> fault)
            throws Exception {
        String db = names.prefix();
        MariaDbServer mariadb = stack.mariadb();
        mariadb.execute("CREATE DATABASE " + db,
            "CREATE TABLE " + db + ".customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100))",
            "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))");
        for (int id = 1; id <= CUSTOMERS; id++) {
            mariadb.execute("INSERT INTO " + db + ".customers VALUES (" + id + ", 'c" + id + "', "
                + (id % 3 == 0 ? "NULL" : "'c" + id + "@example.com'") + ")",
                "INSERT INTO " + db + ".orders VALUES (" + id + ", " + id + ", " + id + ".25)");
        }

        ConnectorConfigExample source = stack.environment().apply(stack.configExamples().load("source-mariadb-cdc.json"))
            .withName(names.connector("mariadb-source"))
            .withOverrides(Map.of("topic.prefix", names.topicPrefix(),
                "table.include.list", db + "\\.customers," + db + "\\.orders"));
        PostgresWarehouse warehouse = Scenario.postgresWarehouse(stack, names);
        ConnectorConfigExample sinkExample = stack.configExamples().load("sink-postgres.json");
        Map<String, String> sinkOverrides = new HashMap<>(warehouse.sinkOverrides(sinkExample));
        sinkOverrides.put("topics.regex", Pattern.quote(names.topicPrefix() + "." + db + ".") + ".*");
        ConnectorConfigExample sink = stack.environment().apply(sinkExample).withName(names.connector("sink"))
            .withOverrides(sinkOverrides);
        DuckDbWarehouse duckDb = new DuckDbWarehouse(stack.dir().resolve("duckdb").resolve(names.prefix() + ".duckdb"));
        ConnectorConfigExample duckDbExample = stack.configExamples().load("sink-duckdb.json");
        Map<String, String> duckDbOverrides = new HashMap<>(duckDb.sinkOverrides(duckDbExample));
        duckDbOverrides.put("topics.regex", sinkOverrides.get("topics.regex"));
        ConnectorConfigExample duckDbSink = stack.environment().apply(duckDbExample)
            .withName(names.connector("duckdb-sink")).withOverrides(duckDbOverrides);
        List<String> topics = List.of(names.topicPrefix() + "." + db + ".customers",
            names.topicPrefix() + "." + db + ".orders");

        try {
            stack.connect().createConnector(source.name(), source.configWithName());
            // A sink's topics.regex picks up topics created after it subscribed only at a metadata refresh
            // (minutes): the snapshot creates the topics first.
            Await.until("the snapshot to create the source's topics", TIMEOUT,
                () -> stack.connect().topics(source.name()).containsAll(topics));
            stack.connect().createConnector(sink.name(), sink.configWithName());
            stack.connect().createConnector(duckDbSink.name(), duckDbSink.configWithName());
            Await.until("the connectors running", TIMEOUT, () -> stack.connect().status(source.name()).isRunning(1)
                && stack.connect().status(sink.name()).isRunning()
                && stack.connect().status(duckDbSink.name()).isRunning());

            Random random = new Random(15);
            int nextId = CUSTOMERS + 1;
            for (int i = 0; i < OPERATIONS; i++) {
                if (i == OPERATIONS / 2) {
                    fault.accept(source.name(), stack.worker());
                }
                int id = 1 + random.nextInt(nextId - 1);
                switch (random.nextInt(6)) {
                    case 0 -> {
                        mariadb.execute("INSERT INTO " + db + ".customers VALUES (" + nextId + ", 'n" + nextId + "', NULL)",
                            "INSERT INTO " + db + ".orders VALUES (" + nextId + ", " + nextId + ", 1.50)");
                        nextId++;
                    }
                    case 1 -> mariadb.execute("UPDATE " + db + ".customers SET name = 'u" + i + "' WHERE id = " + id);
                    case 2 -> mariadb.execute("DELETE FROM " + db + ".orders WHERE id = " + id);
                    case 3 -> mariadb.execute("UPDATE " + db + ".orders SET id = " + (100_000 + i) + " WHERE id = " + id);
                    case 4 -> mariadb.execute("BEGIN",
                        "UPDATE " + db + ".orders SET amount = amount + 1 WHERE customer_id = " + id,
                        "UPDATE " + db + ".customers SET email = 'tx" + i + "@example.com' WHERE id = " + id,
                        "UPDATE " + db + ".orders SET amount = amount * 2 WHERE customer_id = " + id, "COMMIT");
                    default -> mariadb.execute("DELETE FROM " + db + ".customers WHERE id = " + id);
                }
            }

            String customers = "SELECT id, name, email FROM %s ORDER BY id";
            String orders = "SELECT id, customer_id, amount FROM %s ORDER BY id";
            Await.until("the warehouse to equal MariaDB", TIMEOUT,
                () -> warehouseRows(warehouse, customers.formatted("public.customers"))
                        .equals(mariadb.rows(customers.formatted(db + ".customers")))
                    && warehouseRows(warehouse, orders.formatted("public.orders"))
                        .equals(mariadb.rows(orders.formatted(db + ".orders"))),
                () -> "MariaDB customers " + mariadb.rows(customers.formatted(db + ".customers")).size() + ", orders "
                    + mariadb.rows(orders.formatted(db + ".orders")).size());
            assertThat(mariadb.rows(customers.formatted(db + ".customers"))).hasSizeGreaterThan(10);

            // The PostgreSQL warehouse shows the source is done: the DuckDB sink must reach the topics' ends,
            // then, stopped so that it lets go of its file, hold the same rows.
            Map<TopicPartition, Long> ends = new HashMap<>();
            topics.forEach(topic -> ends.putAll(stack.kafka().endOffsets(topic)));
            Await.until("the DuckDB sink to commit the end offsets " + ends, TIMEOUT,
                () -> committedOffsets(stack, duckDbSink.name()).entrySet().containsAll(ends.entrySet()));
            stack.connect().stop(duckDbSink.name());
            Await.until("the DuckDB sink stopped", TIMEOUT,
                () -> "STOPPED".equals(stack.connect().status(duckDbSink.name()).connector().state()));
            Await.until("the DuckDB warehouse readable and equal to MariaDB", TIMEOUT,
                () -> warehouseRows(duckDb, customers.formatted("customers"))
                        .equals(mariadb.rows(customers.formatted(db + ".customers")))
                    && warehouseRows(duckDb, orders.formatted("orders"))
                        .equals(mariadb.rows(orders.formatted(db + ".orders"))));
            assertThat(stack.connect().status(source.name()).hasFailure()).isFalse();
            assertThat(stack.connect().status(sink.name()).hasFailure()).isFalse();
    
        } finally {
            // The example's database.server.id is one per server: no two of these sources may read at once.
            stack.connect().deleteConnector(source.name());
            stack.connect().deleteConnector(sink.name());
            stack.connect().deleteConnector(duckDbSink.name());
        }
    }

    /** A sink connector's committed offsets (the next offset to read) per topic partition. */
    private static Map<TopicPartition, Long> committedOffsets(LocalStack stack, String connector) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ConnectorOffsets.Offset offset : stack.connect().offsets(connector).offsets()) {
            committed.put(new TopicPartition((String) offset.partition().get("kafka_topic"),
                    ((Number) offset.partition().get("kafka_partition")).intValue()),
                ((Number) offset.offset().get("kafka_offset")).longValue());
        }
        return committed;
    }

    private static List<String> warehouseRows(Warehouse warehouse, String sql) throws Exception {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }
}
