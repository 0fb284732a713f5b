package io.tidemark.connect.systemtest.types;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tidemark.connect.fakesnow.FakesnowServer;
import io.tidemark.connect.systemtest.snowflake.SnowflakeWarehouse;

/**
 * The Snowflake warehouse of the type-fidelity suite: the sink's config for it and how the comparison
 * reads it, through the real snowflake-jdbc driver against fakesnow (which is DuckDB underneath, so what
 * is read is the Snowflake dialect as the emulator runs it, not Snowflake itself).
 */
final class SnowflakeReading {

    static final String USER = "TIDEMARK_FIDELITY";
    private static final String DATABASE = "TIDEMARK";
    private static final String SCHEMA = "FIDELITY";
    /** fakesnow accepts any password. */
    private static final String PASSWORD = "fakesnow-accepts-any";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnowflakeReading() {
    }

    /** The sink's Snowflake settings, as the README advises them (upper-case identifiers), on top of {@code base}. */
    static Map<String, String> sinkConfig(Map<String, String> base) {
        Map<String, String> config = new HashMap<>(base);
        config.put("connection.password", PASSWORD);
        config.put("snowflake.database", DATABASE);
        config.put("table.schema", SCHEMA);
        config.put("identifier.case", "upper");
        return config;
    }

    /** A reading connection on the database and schema the sink writes, as the other Snowflake tests read. */
    static Connection connect(FakesnowServer fakesnow) throws SQLException {
        return new SnowflakeWarehouse(fakesnow.jdbcUrl(), DATABASE, SCHEMA).connect();
    }

    /** Column name to its information_schema data_type, NUMBER with its precision and scale. */
    static Map<String, String> columnTypes(Connection connection, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        String sql = "SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns"
                + " WHERE table_schema = '" + SCHEMA + "' AND table_name = '" + table + "'";
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String type = rs.getString(2);
                types.put(rs.getString(1), "NUMBER".equals(type) ? "NUMBER(" + rs.getInt(3) + "," + rs.getInt(4) + ")" : type);
            }
        }
        return types;
    }

    /** The expression that reads a column as text. */
    static String text(String column, String type) {
        return "BINARY".equals(type) ? "'\\\\x' || LOWER(HEX_ENCODE(\"" + column + "\"))" : "TO_VARCHAR(\"" + column + "\")";
    }

    /** Whether a column of this type holds a PostgreSQL array as an ARRAY (which fakesnow reports as VARIANT). */
    static boolean isArray(String type) {
        return "ARRAY".equals(type) || "VARIANT".equals(type);
    }

    /**
     * An ARRAY, read as its JSON text, in PostgreSQL's array text: a JSON array of JSON arrays is a
     * PostgreSQL array of more dimensions ({@code [[1,2],[3,4]]} is {@code {{1,2},{3,4}}}); the elements of
     * the innermost arrays are spelled as {@link DuckDbSpelling#listAsPostgres} spells a DuckDB list's.
     */
    static String arrayAsPostgres(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode array = JSON.readTree(json);
            if (array.isEmpty() || !array.get(0).isArray()) {
                return DuckDbSpelling.listAsPostgres(json);
            }
            StringJoiner text = new StringJoiner(",", "{", "}");
            for (JsonNode inner : array) {
                text.add(arrayAsPostgres(JSON.writeValueAsString(inner)));
            }
            return text.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fakesnow's TO_VARCHAR of an ARRAY gave " + json, e);
        }
    }
}
