package io.tidemark.connect.source.mariadb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver Debezium's MySQL connector is given ({@code database.jdbc.driver}): MySQL
 * Connector/J, with one statement translated for MariaDB.
 *
 * <p>Debezium's MySQL connector 3.6 asks for the binlog position with {@code SHOW BINARY LOG STATUS}
 * (MySQL 8.4's name) and, when that fails, falls back to {@code SHOW MASTER STATUS} only for servers
 * whose version is below 8.4; MariaDB's version numbers (10.x, 11.x) are above it, and MariaDB knows
 * the statement only as {@code SHOW MASTER STATUS} (or {@code SHOW BINLOG STATUS}), so the snapshot and
 * the start of streaming fail. Debezium has no option for the statement and strips Connector/J's
 * {@code queryInterceptors}, so on connections to MariaDB this driver sends {@code SHOW MASTER STATUS}
 * instead; both return the same first columns (File, Position). Every other statement, and every
 * statement on MySQL, goes through unchanged.
 */
public final class MariaDbJdbcDriver implements Driver {

    static final String MYSQL_STATEMENT = "SHOW BINARY LOG STATUS";
    static final String MARIADB_STATEMENT = "SHOW MASTER STATUS";

    private final Driver delegate;

    public MariaDbJdbcDriver() {
        try {
            delegate = new com.mysql.cj.jdbc.Driver();
        } catch (SQLException e) {
            throw new IllegalStateException("MySQL Connector/J cannot be loaded", e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = delegate.connect(url, info);
        if (connection == null || !connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Translating(connection, true));
    }

    /** The statement MariaDB understands for {@code sql}: only the binlog status query changes. */
    static String forMariaDb(String sql) {
        return sql != null && MYSQL_STATEMENT.equals(sql.trim().toUpperCase(Locale.ROOT)) ? MARIADB_STATEMENT : sql;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return delegate.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return delegate.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return delegate.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return delegate.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return delegate.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    /**
     * Passes every call to the real connection or statement; a String first argument of the methods that
     * take SQL is translated, and statements created by a connection are wrapped in turn.
     */
    private static final class Translating implements InvocationHandler {

        private final Object target;
        private final boolean connection;

        Translating(Object target, boolean connection) {
            this.target = target;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean takesSql = connection ? name.equals("prepareStatement") || name.equals("prepareCall")
                    || name.equals("nativeSQL")
                    : name.startsWith("execute") || name.equals("addBatch");
            if (takesSql && args != null && args.length > 0 && args[0] instanceof String sql) {
                args[0] = forMariaDb(sql);
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (connection && name.equals("createStatement") && result instanceof Statement) {
                return Proxy.newProxyInstance(MariaDbJdbcDriver.class.getClassLoader(),
                        new Class<?>[] {Statement.class}, new Translating(result, false));
            }
            return result;
        }
    }
}
