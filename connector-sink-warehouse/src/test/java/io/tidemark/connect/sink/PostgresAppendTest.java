package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;


/** Append scenarios against a real PostgreSQL 17. */
class PostgresAppendTest extends AppendScenarios {

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }
}
