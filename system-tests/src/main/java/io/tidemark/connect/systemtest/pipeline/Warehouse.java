package io.tidemark.connect.systemtest.pipeline;

import io.tidemark.connect.systemtest.config.ConnectorConfigExample;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** Where a sink writes, as a test reads it back: a PostgreSQL database or a DuckDB file. */
public interface Warehouse {

    /** The sink example's environment keys pointed at this warehouse (URL, user, password). */
    Map<String, String> sinkOverrides(ConnectorConfigExample sinkExample);

    /** A connection for reading; the caller closes it. */
    Connection connect() throws SQLException;

    /**
     * Whether a running sink keeps other processes out (DuckDB: one writer process per file), so that
     * readers must stop the sink connector first.
     */
    boolean exclusiveWhileWriting();

    String describe();
}
