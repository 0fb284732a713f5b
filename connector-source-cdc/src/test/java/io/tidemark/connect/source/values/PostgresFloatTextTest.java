package io.tidemark.connect.source.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.tidemark.connect.source.testing.PostgresServer;

/** Doubles spelled as PostgreSQL spells them, checked against the server's own float8 output. */
class PostgresFloatTextTest {

    @RegisterExtension
    static final PostgresServer server = PostgresServer.logical();

    @Test
    void spellsBoundaryAndSpecialDoublesAsPostgresDoes() throws SQLException {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.5, 0.1, 1e20, -1e10, 3.0, 5e-324, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1e15, 1e14, 123456789012345.6, 0.0001, 0.00001, 1.0 / 3,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2e23, 9007199254740993.0));
        assertSpelledAsPostgres(values);
    }

    @Test
    void spellsRandomDoublesAsPostgresDoes() throws SQLException {
        Random random = new Random(20261207L);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // Every bit pattern (any exponent) and ordinary magnitudes.
            double any = Double.longBitsToDouble(random.nextLong());
            values.add(Double.isNaN(any) ? random.nextDouble() : any);
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
        }
        assertSpelledAsPostgres(values);
    }

    private static void assertSpelledAsPostgres(List<Double> values) throws SQLException {
        try (Connection connection = server.connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT v::text FROM unnest(?::float8[]) WITH ORDINALITY AS t(v, n) ORDER BY n")) {
            Array array = connection.createArrayOf("float8", values.toArray());
            statement.setArray(1, array);
            try (ResultSet rs = statement.executeQuery()) {
                for (double value : values) {
                    assertThat(rs.next()).isTrue();
                    assertThat(PostgresFloatText.format(value)).as("the double with bits %x",
                            Double.doubleToRawLongBits(value)).isEqualTo(rs.getString(1));
                }
            }
        }
    }
}
