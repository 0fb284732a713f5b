package io.tidemark.connect.sink;

import io.tidemark.connect.sink.testing.FakesnowExtension;
import io.tidemark.connect.sink.testing.SnowflakeWarehouse;
import io.tidemark.connect.sink.testing.TestWarehouse;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Append scenarios against fakesnow, through snowflake-jdbc. */
class SnowflakeAppendTest extends AppendScenarios {

    @RegisterExtension
    static final FakesnowExtension FAKESNOW = new FakesnowExtension();

    @Override
    protected TestWarehouse newWarehouse() throws Exception {
        return new SnowflakeWarehouse(FAKESNOW.server());
    }
}
