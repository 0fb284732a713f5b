package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failure scenarios against fakesnow, through snowflake-jdbc. */
class SnowflakeFailureTest extends FailureScenarios {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new SnowflakeWarehouse(FAKESNOW.server());
    }

    @Override
    protected String int32ColumnType() {
        return "number(10,0)";
    }
}
