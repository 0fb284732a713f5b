-- The demo shop the config examples are written for (config-examples/source-postgres-cdc*.json):
-- customers with PII columns for the masking chain, orders, and the Debezium signal table used for
-- incremental snapshots. Idempotent, so the quickstart and every test may apply it. Names are not
-- schema-qualified: the tables go into the first schema of the search_path (public unless a test
-- gives each pipeline a schema of its own).
CREATE TABLE IF NOT EXISTS customers (
    id          BIGINT PRIMARY KEY,
    name        TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    card_number TEXT,
    region      TEXT,
    notes       TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status      TEXT NOT NULL,
    amount      NUMERIC(12, 2) NOT NULL,
    placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tidemark_signals (
    id   VARCHAR(42) PRIMARY KEY,
    type VARCHAR(32) NOT NULL,
    data VARCHAR(2048)
);
