package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.DuckDbWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Every mapping through a real DuckDB database file. */
class DuckDbTypeRoundTripTest extends TypeRoundTripScenarios {

    @TempDir
    Path directory;

    @Override
    protected TestWarehouse newWarehouse() {
        return new DuckDbWarehouse(directory);
    }

    @Override
    String expectedType(Mapping mapping) {
        return mapping.duckDbType();
    }

    @Override
    String expectedText(Mapping mapping) {
        return mapping.duckDbText();
    }
}
