package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.ConnectionSettings;
import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.ExistingColumn;
import io.tidemark.connect.sink.dialect.Identifiers;
import io.tidemark.connect.sink.dialect.StagingTable;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import io.tidemark.connect.sink.error.FailureKind;
import io.tidemark.connect.sink.table.ColumnType;
import io.tidemark.connect.sink.table.TableId;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Times the MERGE statements our writer runs, and nothing else: the writer's MERGE floor. Each MERGE runs as in a
 * real flush, from the staging table the flush has just loaded (COPY) and analysed, in the same transaction, so the
 * time of the MERGEs alone is what a writer would take if loading, analysing and committing were free. The sessions of
 * {@link #timing(Dialect)} hand the writer a connection whose statements count the time of every statement that
 * contains a MERGE (PostgreSQL 17's MERGE ... RETURNING stands in a WITH query; the query runs it whole).
 */
final class MergeClock {

    private long nanos;

    long nanos() {
        return nanos;
    }

    /** {@code dialect} whose sessions' statements are timed. */
    Dialect timing(Dialect dialect) {
        return new TimedDialect(dialect);
    }

    private Connection timed(Connection connection) {
        return proxy(Connection.class, connection, (method, args, call) -> {
            Object result = call.invoke();
            return result instanceof Statement statement && method.getName().equals("createStatement") ? timed(statement) : result;
        });
    }

    private Statement timed(Statement statement) {
        return proxy(Statement.class, statement, (method, args, call) -> {
            boolean merge = method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql
                && sql.contains("MERGE INTO");
            long start = System.nanoTime();
            try {
                return call.invoke();
            } finally {
                if (merge) {
                    nanos += System.nanoTime() - start;
                }
            }
        });
    }

    @FunctionalInterface
    private interface Call {
        Object invoke() throws Throwable;
    }

    @FunctionalInterface
    private interface Around {
        Object invoke(Method method, Object[] args, Call call) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Around around) {
        InvocationHandler handler = (self, method, args) -> around.invoke(method, args, () -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(Proxy.newProxyInstance(MergeClock.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The dialect unchanged, except that its sessions' connections are timed. */
    private final class TimedDialect implements Dialect {

        private final Dialect dialect;

        TimedDialect(Dialect dialect) {
            this.dialect = dialect;
        }

        @Override
        public WarehouseSession open(ConnectionSettings settings) throws SQLException {
            WarehouseSession session = dialect.open(settings);
            return new WarehouseSession(timed(session.connection()), session.statements(), session::close, session.writes());
        }

        @Override
        public String name() {
            return dialect.name();
        }

        @Override
        public boolean acceptsUrl(String jdbcUrl) {
            return dialect.acceptsUrl(jdbcUrl);
        }

        @Override
        public Identifiers identifiers() {
            return dialect.identifiers();
        }

        @Override
        public String columnType(ColumnType type) {
            return dialect.columnType(type);
        }

        @Override
        public List<ExistingColumn> describe(Connection connection, TableId table) throws SQLException {
            return dialect.describe(connection, table);
        }

        @Override
        public boolean takes(ExistingColumn existing, ColumnType incoming) {
            return dialect.takes(existing, incoming);
        }

        @Override
        public boolean transactionalDdl() {
            return dialect.transactionalDdl();
        }

        @Override
        public boolean concurrentTableWrites() {
            return dialect.concurrentTableWrites();
        }

        @Override
        public void loadStaging(Connection connection, StagingTable staging, List<Object[]> rows) throws SQLException {
            dialect.loadStaging(connection, staging, rows);
        }

        @Override
        public FailureKind classify(Throwable failure) {
            return dialect.classify(failure);
        }

        @Override
        public SQLException withoutValues(SQLException failure) {
            return dialect.withoutValues(failure);
        }
    }
}
