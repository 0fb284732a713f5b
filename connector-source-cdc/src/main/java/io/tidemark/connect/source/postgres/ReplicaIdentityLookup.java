package io.tidemark.connect.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemark.connect.source.reshape.DeletedRowImage;

/**
 * Reads a table's REPLICA IDENTITY from the catalog. Asked once per table version (when the
 * reshaping meets a new Debezium schema), so a short-lived connection per question is enough.
 */
public final class ReplicaIdentityLookup implements DeletedRowImage {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaIdentityLookup.class);

    private final DatabaseConnections connections;

    public ReplicaIdentityLookup(DatabaseConnections connections) {
        this.connections = connections;
    }

    /** When the catalog cannot be read, deletes keep only their key: nulls rather than made-up values. */
    @Override
    public boolean carriesWholeRow(String schema, String table) {
        try (Connection connection = connections.open();
                PreparedStatement statement = connection.prepareStatement("SELECT c.relreplident "
                        + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && "f".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            LOG.warn("Cannot read the replica identity of {}.{}; its deletes will carry only the key columns",
                    schema, table, e);
            return false;
        }
    }
}
