package io.tidemark.connect.systemtest.source;

/**
 * The demo shop's tables (system-tests/src/main/resources/demo/shop-schema.sql, which the source
 * example is written for), created in a test's own schema ({@code %s}) so its rows are its own.
 */
final class ShopTables {

    static final String CUSTOMERS = "CREATE TABLE %s.customers (id BIGINT PRIMARY KEY, name TEXT NOT NULL, "
        + "email TEXT, phone TEXT, card TEXT, region TEXT, notes TEXT, "
        + "updated_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    static final String ORDERS = "CREATE TABLE %s.orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
        + "status TEXT NOT NULL, amount NUMERIC(12, 2) NOT NULL, placed_at TIMESTAMPTZ NOT NULL DEFAULT now())";

    private ShopTables() {
    }
}
