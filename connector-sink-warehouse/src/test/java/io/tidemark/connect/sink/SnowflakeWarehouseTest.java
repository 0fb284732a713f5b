package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The merge scenarios against fakesnow, through snowflake-jdbc. */
class SnowflakeWarehouseTest extends WarehouseScenarios {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new SnowflakeWarehouse(FAKESNOW.server());
    }

    /**
     * fakesnow runs an array-bound INSERT as one statement per row (about 3 ms each here), so the large
     * batch is smaller than against PostgreSQL and DuckDB. Real Snowflake receives batches this large
     * through the driver's internal-stage binding, which fakesnow disables (README, Snowflake section).
     */
    @Override
    protected int largeBatchRows() {
        return 5_000;
    }
}
