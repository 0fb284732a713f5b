package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;

/** Failure scenarios against a real PostgreSQL 17. */
class PostgresFailureTest extends FailureScenarios {

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }
}
