package io.tidemark.connect.sink.model;

/** The model-based properties against a real DuckDB file (no connection failures: DuckDB runs in the worker). */
class DuckDbModelTest extends WarehouseModelProperties {

    @Override
    protected ModelDatabase database() {
        return DuckDbModelDatabase.INSTANCE;
    }
}
