package io.tidemark.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;
import io.tidemark.connect.source.testing.ValidationErrors;

/** A server that does not decode logically (PostgreSQL's default wal_level=replica). */
class WalLevelValidateTest {

    @RegisterExtension
    static final PostgresServer server = PostgresServer.withWalLevel("replica");

    @BeforeAll
    static void createTables() {
        server.execute("CREATE TABLE public.orders (id INT PRIMARY KEY)");
    }

    @Test
    void walLevelReplicaIsReportedWithTheFix() {
        Map<String, String> config = new HashMap<>(server.connectionConfig());
        config.put("topic.prefix", "replica");
        config.put("table.include.list", "public\\.orders");

        Map<String, List<String>> errors = ValidationErrors.of(new PostgresCdcSourceConnector().validate(config));

        assertThat(errors).containsOnlyKeys("database.hostname");
        assertThat(errors.get("database.hostname")).containsExactly("The server at localhost:" + server.port()
                + " runs with wal_level=replica, and change data capture needs wal_level=logical: run ALTER SYSTEM "
                + "SET wal_level = logical and restart PostgreSQL.");
    }
}
