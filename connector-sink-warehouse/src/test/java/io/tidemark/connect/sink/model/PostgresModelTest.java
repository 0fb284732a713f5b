package io.tidemark.connect.sink.model;

/**
 * The model-based properties against a real PostgreSQL, with connection failures: the server terminates the
 * sink's backends between the worker's calls.
 */
class PostgresModelTest extends WarehouseModelProperties {

    @Override
    protected ModelDatabase database() {
        return PostgresModelDatabase.INSTANCE;
    }
}
