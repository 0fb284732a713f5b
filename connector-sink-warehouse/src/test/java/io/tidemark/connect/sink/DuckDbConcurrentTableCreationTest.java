package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class DuckDbConcurrentTableCreationTest extends ConcurrentTableCreationScenarios {

    @TempDir
    Path directory;

    @Override
    protected TestWarehouse newWarehouse() {
        return new DuckDbWarehouse(directory);
    }
}
