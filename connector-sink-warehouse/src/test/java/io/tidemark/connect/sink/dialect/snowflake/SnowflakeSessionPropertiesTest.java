package io.tidemark.connect.sink.dialect.snowflake;

import io.tidemark.connect.fakesnow.PemKeys;
import io.tidemark.connect.sink.dialect.ConnectionSettings;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnowflakeSessionPropertiesTest {

    private static final String URL = "jdbc:snowflake://myorg-myaccount.snowflakecomputing.com";

    @Test
    void asksForJsonResultsAndNoPlatformProbesAndKeepsTheTransactionOpen() throws Exception {
        Properties properties = SnowflakeSessionProperties.of(new ConnectionSettings(URL, "TIDEMARK_SINK", new Password("pw"), 20,
                "PUBLIC", "ANALYTICS", "TIDEMARK_SINK_ROLE", "LOAD_WH", null, null));

        assertThat(properties).containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON").containsEntry("disablePlatformDetection", "true")
                .containsEntry("AUTOCOMMIT", "false").containsEntry("QUOTED_IDENTIFIERS_IGNORE_CASE", "false")
                .containsEntry("user", "TIDEMARK_SINK").containsEntry("password", "pw").containsEntry("db", "ANALYTICS")
                .containsEntry("schema", "PUBLIC").containsEntry("role", "TIDEMARK_SINK_ROLE").containsEntry("warehouse", "LOAD_WH")
                .containsEntry("loginTimeout", "20").doesNotContainKeys("authenticator", "privateKey");
    }

    @Test
    void logsInWithTheKeyPairInsteadOfAPassword() throws Exception {
        KeyPair pair = PemKeys.rsa();
        Properties properties = SnowflakeSessionProperties.of(new ConnectionSettings(URL, "TIDEMARK_SINK", null, 20, null, null, null,
                null, new Password(PemKeys.encryptedPem(pair, "s3cret")), new Password("s3cret")));

        assertThat(properties).containsEntry("authenticator", "SNOWFLAKE_JWT").doesNotContainKeys("password", "db", "role", "warehouse");
        assertThat(((PrivateKey) properties.get("privateKey")).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void anUnreadableKeyIsAPermanentLoginFailureNamingTheOption() {
        assertThatThrownBy(() -> SnowflakeSessionProperties.of(new ConnectionSettings(URL, "U", null, 20, null, null, null, null,
                new Password("garbage!"), null)))
                .isInstanceOf(SQLException.class).hasMessageStartingWith("snowflake.private.key:")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                .satisfies(e -> assertThat(new SnowflakeDialect().classify(e)).isEqualTo(io.tidemark.connect.sink.error.FailureKind.PERMANENT));
    }
}
