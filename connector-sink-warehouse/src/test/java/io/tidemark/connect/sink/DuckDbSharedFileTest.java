package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.ChangeEvents;
import io.tidemark.connect.sink.testing.DuckDbFileProbe;
import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import io.tidemark.connect.sink.testing.ScenarioBase;
import io.tidemark.connect.sink.testing.SinkHarness;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DuckDB lets one process hold a database file for writing. Connectors and tasks of one worker share
 * one instance; when the last of them stops, the file is free for another process (the documented way
 * to read the warehouse: stop the connectors through REST, read, resume).
 */
class DuckDbSharedFileTest extends ScenarioBase {

    @TempDir
    Path directory;

    @Override
    protected TestWarehouse newWarehouse() {
        return new DuckDbWarehouse(directory);
    }

    @Test
    void twoConnectorsWriteOneFileAndReleaseItWhenTheyStop() throws Exception {
        TopicPartition orders = new TopicPartition("shop.orders", 0);
        SinkHarness customersSink = register(new SinkHarness(config("name", "customers-sink"), false, PARTITION));
        SinkHarness ordersSink = register(new SinkHarness(config("name", "orders-sink"), false, orders));
        customersSink.write(new ChangeEvents().insert(1, "Ada", 10));
        ordersSink.write(new ChangeEvents("shop.orders", 0).insert(7, "order", 10));

        String url = ((DuckDbWarehouse) warehouse).url();
        assertThat(DuckDbFileProbe.run(url).get(0)).as("another process cannot open the file while the sink holds it").isEqualTo("2");

        customersSink.close();
        assertThat(DuckDbFileProbe.run(url).get(0)).as("still held by the other connector").isEqualTo("2");
        ordersSink.close();
        assertThat(DuckDbFileProbe.run(url)).containsExactly("0", "1");
        SinkHarness resumed = register(new SinkHarness(config("name", "customers-sink"), false, PARTITION));
        resumed.write(new ChangeEvents().insert(2, "Grace", 11));
        assertThat(customers()).hasSize(2);
    }
}
