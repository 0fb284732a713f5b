package io.tidemark.connect.source.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.ds.PGSimpleDataSource;

import io.tidemark.connect.source.config.PostgresCdcSourceConfig;

/**
 * Plain JDBC connections to the captured database, for the checks and look-ups our code makes
 * beside Debezium's own connections. Bounded timeouts: a validation request or a task start must
 * fail with a message rather than hang on an unreachable server.
 */
public final class DatabaseConnections {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int SOCKET_TIMEOUT_SECONDS = 60;

    private final PGSimpleDataSource dataSource;

    public DatabaseConnections(PostgresCdcSourceConfig config, String purpose) {
        dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {config.hostname()});
        dataSource.setPortNumbers(new int[] {config.port()});
        dataSource.setDatabaseName(config.database());
        dataSource.setUser(config.user());
        config.password().ifPresent(password -> dataSource.setPassword(password.value()));
        dataSource.setSslMode(config.sslMode());
        config.sslRootCert().ifPresent(dataSource::setSslRootCert);
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        dataSource.setApplicationName("tidemark-" + purpose);
    }

    public Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    /** Where the connections go, for messages: host, port and database, never credentials. */
    public String describe() {
        return dataSource.getServerNames()[0] + ":" + dataSource.getPortNumbers()[0] + "/"
                + dataSource.getDatabaseName();
    }
}
