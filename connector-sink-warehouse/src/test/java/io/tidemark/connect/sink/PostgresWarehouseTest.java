package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;

/** The merge scenarios against a real PostgreSQL 17. */
class PostgresWarehouseTest extends WarehouseScenarios {

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }
}
