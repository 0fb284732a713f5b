package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.PostgresWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;

/** Every mapping through a real PostgreSQL 17. */
class PostgresTypeRoundTripTest extends TypeRoundTripScenarios {

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new PostgresWarehouse();
    }

    @Override
    String expectedType(Mapping mapping) {
        return mapping.postgresType();
    }

    @Override
    String expectedText(Mapping mapping) {
        return mapping.postgresText();
    }
}
