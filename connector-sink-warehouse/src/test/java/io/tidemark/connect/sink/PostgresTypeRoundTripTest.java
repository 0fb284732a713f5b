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

    /** Money's text follows the warehouse's lc_monetary ($, thousands separators): the server spells it. */
    @Override
    String expectedText(Mapping mapping) {
        if (MONEY_TEXT.equals(mapping.postgresText())) {
            try {
                return warehouse.query("SELECT CAST(" + MONEY_TEXT + " AS VARCHAR)").get(0).get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mapping.postgresText();
    }
}
