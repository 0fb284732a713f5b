package io.tidemark.connect.sink.model;

import io.tidemark.connect.sink.testing.TestWarehouse;

import java.sql.SQLException;
import java.util.List;

/** A real database the model-based tests write into, and the test's own way to read it. */
interface ModelDatabase {

    /** The database, shared by every history run against it in this JVM. */
    TestWarehouse warehouse();

    /** Rows of a query, each column as text (null as "null"), through a session kept open. */
    List<List<String>> query(String sql) throws SQLException;

    /** Runs a statement and commits it. */
    void execute(String sql) throws SQLException;

    /** SQL condition on information_schema.columns selecting the sink's schema. */
    String schemaCondition();

    /** Makes the server end every connection of the sink, or null where the database cannot (embedded). */
    Runnable connectionKiller();
}
