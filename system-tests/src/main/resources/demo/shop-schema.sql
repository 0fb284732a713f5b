-- The demo shop the config examples are written for (config-examples/source-postgres-cdc*.json):
-- customers with PII columns for the masking chain, orders, and the Debezium signal table used for
-- incremental snapshots. Idempotent, so the quickstart and every test may apply it.
CREATE TABLE IF NOT EXISTS public.customers (
    id         BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    card       TEXT,
    region     TEXT,
    notes      TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS public.orders (
    id          BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status      TEXT NOT NULL,
    amount      NUMERIC(12, 2) NOT NULL,
    placed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS public.tidemark_signals (
    id   VARCHAR(42) PRIMARY KEY,
    type VARCHAR(32) NOT NULL,
    data VARCHAR(2048)
);
