package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The scenarios against a real PostgreSQL 17 (one server for the class). */
class PostgresWarehouseTest extends WarehouseScenarios {

    static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresWarehouse.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse(server);
    }
}
