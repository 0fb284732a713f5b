package io.tidemark.connect.systemtest.bench;

import io.tidemark.connect.sink.dialect.Dialect;
import io.tidemark.connect.sink.dialect.WarehouseSession;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;

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

    /** {@code dialect} unchanged, except that the connections of its sessions are timed. */
    Dialect timing(Dialect dialect) {
        return proxy(Dialect.class, dialect, (method, args, call) -> {
            Object result = call.invoke();
            return result instanceof WarehouseSession session && method.getName().equals("open")
                ? new WarehouseSession(timed(session.connection()), session.statements(), session::close, session.writes())
                : result;
        });
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
}
