package io.tidemark.connect.systemtest.workload;

import io.tidemark.connect.systemtest.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Continuous mixed writes on the demo shop tables of one schema, at a controlled rate, until
 * {@link #stop()}: customers inserted, updated (mostly leaving their large out-of-line {@code notes}
 * untouched, so PostgreSQL does not send them), given new notes and deleted; orders inserted, updated,
 * deleted and given a new primary key; and once, mid-run, {@code ALTER TABLE customers ADD COLUMN}.
 * Each tick is one transaction of one to three changes.
 *
 * <pre>{@code
 * ShopWorkload.seed(postgres, "postgres", "shop", 40, 80, 1);
 * ShopWorkload workload = ShopWorkload.start(postgres, "postgres", "shop", ShopWorkload.Settings.defaults());
 * ... a fault ...
 * WorkloadSummary summary = workload.stop();   // then wait until the pipeline passed summary.finalLsn()
 * }</pre>
 *
 * A failed statement stops the workload; {@link #stop()} then throws it, so a test never reconciles a
 * workload that silently did less than it claims.
 */
public final class ShopWorkload implements AutoCloseable {

    /**
     * @param transactionsPerSecond target rate of transactions (each one to three changes)
     * @param addColumnAfter        when the {@code ADD COLUMN} happens, from the start
     * @param seed                  seed of the random choices and values
     */
    public record Settings(int transactionsPerSecond, Duration addColumnAfter, long seed) {

        public static Settings defaults() {
            return new Settings(20, Duration.ofSeconds(5), 1);
        }

        public Settings withRate(int perSecond) {
            return new Settings(perSecond, addColumnAfter, seed);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(transactionsPerSecond, addColumnAfter, newSeed);
        }
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** The column the workload adds to customers mid-run. */
    public static final String ADDED_COLUMN = "loyalty_tier";

    private final PostgresServer postgres;
    private final String database;
    private final String schema;
    private final Settings settings;
    private final ShopRows values;
    private final Map<Operation, AtomicLong> counts = new EnumMap<>(Operation.class);
    private final AtomicLong transactions = new AtomicLong();
    private final List<Long> customers = new ArrayList<>();
    private final Set<Long> largeNotes = new HashSet<>();
    private final List<Long> orders = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private long nextCustomer;
    private long nextOrder;
    private boolean columnAdded;
    private WorkloadSummary stopped;

    private ShopWorkload(PostgresServer postgres, String database, String schema, Settings settings) {
        this.postgres = postgres;
        this.database = database;
        this.schema = schema;
        this.settings = settings;
        this.values = new ShopRows(settings.seed());
        for (Operation operation : Operation.values()) {
            counts.put(operation, new AtomicLong());
        }
        this.thread = new Thread(this::run, "shop-workload-" + schema);
        thread.setDaemon(true);
    }

    /** Inserts {@code customerCount} customers and {@code orderCount} orders (ids from 1) into {@code schema}. */
    public static void seed(PostgresServer postgres, String database, String schema, int customerCount, int orderCount,
                            long seed) {
        ShopRows values = new ShopRows(seed);
        try (Connection connection = postgres.connect(database)) {
            connection.setAutoCommit(false);
            try (PreparedStatement customer = connection.prepareStatement("INSERT INTO " + table(schema, "customers")
                    + " (id, name, email, phone, card_number, region, notes) VALUES (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement order = connection.prepareStatement("INSERT INTO " + table(schema, "orders")
                    + " (id, customer_id, status, amount) VALUES (?, ?, ?, ?)")) {
                for (long id = 1; id <= customerCount; id++) {
                    setCustomer(customer, id, values, id % 2 == 0);
                    customer.addBatch();
                }
                customer.executeBatch();
                for (long id = 1; id <= orderCount; id++) {
                    order.setLong(1, id);
                    order.setLong(2, 1 + values.random().nextInt(Math.max(1, customerCount)));
                    order.setString(3, values.status());
                    order.setBigDecimal(4, values.amount());
                    order.addBatch();
                }
                order.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed the shop in " + database + "." + schema + ": " + e.getMessage(), e);
        }
    }

    /** Reads the live ids of {@code schema}'s shop and starts writing. */
    public static ShopWorkload start(PostgresServer postgres, String database, String schema, Settings settings) {
        ShopWorkload workload = new ShopWorkload(postgres, database, schema, settings);
        workload.loadIds();
        workload.thread.start();
        return workload;
    }

    private void loadIds() {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT id, length(notes) > 2000 FROM " + table(schema, "customers"))) {
                while (rows.next()) {
                    customers.add(rows.getLong(1));
                    if (rows.getBoolean(2)) {
                        largeNotes.add(rows.getLong(1));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT id FROM " + table(schema, "orders"))) {
                while (rows.next()) {
                    orders.add(rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.columns WHERE "
                    + "table_schema = '" + schema.replace("'", "''") + "' AND table_name = 'customers' AND column_name = '"
                    + ADDED_COLUMN + "'")) {
                rows.next();
                columnAdded = rows.getInt(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the shop of " + database + "." + schema + ": " + e.getMessage(), e);
        }
        nextCustomer = customers.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        nextOrder = orders.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    private void run() {
        long start = System.nanoTime();
        long tickNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, settings.transactionsPerSecond());
        long next = start;
        try (Connection connection = postgres.connect(database)) {
            connection.setAutoCommit(false);
            while (running) {
                if (!columnAdded && System.nanoTime() - start >= settings.addColumnAfter().toNanos()) {
                    addColumn(connection);
                }
                tick(connection);
                next += tickNanos;
                long wait = next - System.nanoTime();
                if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                    // Far behind (a loaded machine): go on at the rate from now rather than in a burst.
                    next = System.nanoTime();
                } else if (wait > 0) {
                    // Pacing the writes to the configured rate, not waiting for a result.
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private void addColumn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + table(schema, "customers") + " ADD COLUMN " + ADDED_COLUMN + " text");
        }
        connection.commit();
        columnAdded = true;
        counts.get(Operation.ADD_COLUMN).incrementAndGet();
    }

    /** One transaction; ids and counts change only once it committed. */
    private void tick(Connection connection) throws SQLException {
        Random random = values.random();
        int changes = 1 + random.nextInt(3);
        Transaction transaction = new Transaction();
        for (int i = 0; i < changes; i++) {
            change(connection, transaction, random.nextInt(100));
        }
        connection.commit();
        transaction.apply();
        transactions.incrementAndGet();
    }

    private void change(Connection connection, Transaction tx, int dice) throws SQLException {
        if (dice < 10 || tx.customers().isEmpty()) {
            insertCustomer(connection, tx);
        } else if (dice < 42) {
            updateCustomer(connection, tx, tx.pick(tx.customers()));
        } else if (dice < 46) {
            long id = tx.pick(tx.customers());
            execute(connection, "UPDATE " + table(schema, "customers") + " SET notes = ?, updated_at = now() WHERE id = ?",
                values.notes(true), id);
            tx.largeNotes().add(id);
            tx.count(Operation.UPDATE_CUSTOMER_NOTES);
        } else if (dice < 50 && tx.customers().size() > 5) {
            long id = tx.pick(tx.customers());
            execute(connection, "DELETE FROM " + table(schema, "customers") + " WHERE id = ?", id);
            tx.customers().remove(Long.valueOf(id));
            tx.largeNotes().remove(id);
            tx.count(Operation.DELETE_CUSTOMER);
        } else if (dice < 70 || tx.orders().isEmpty()) {
            insertOrder(connection, tx);
        } else if (dice < 88) {
            execute(connection, "UPDATE " + table(schema, "orders") + " SET status = ?, amount = ? WHERE id = ?",
                values.status(), values.amount(), tx.pick(tx.orders()));
            tx.count(Operation.UPDATE_ORDER);
        } else if (dice < 94) {
            long id = tx.pick(tx.orders());
            execute(connection, "DELETE FROM " + table(schema, "orders") + " WHERE id = ?", id);
            tx.orders().remove(Long.valueOf(id));
            tx.count(Operation.DELETE_ORDER);
        } else {
            long id = tx.pick(tx.orders());
            long newId = tx.nextOrder();
            execute(connection, "UPDATE " + table(schema, "orders") + " SET id = ? WHERE id = ?", newId, id);
            tx.orders().remove(Long.valueOf(id));
            tx.orders().add(newId);
            tx.count(Operation.CHANGE_ORDER_KEY);
        }
    }

    private void insertCustomer(Connection connection, Transaction tx) throws SQLException {
        long id = tx.nextCustomer();
        boolean large = values.random().nextBoolean();
        String columns = "id, name, email, phone, card_number, region, notes" + (columnAdded ? ", " + ADDED_COLUMN : "");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table(schema, "customers") + " ("
                + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?" + (columnAdded ? ", ?" : "") + ")")) {
            setCustomer(insert, id, values, large);
            if (columnAdded) {
                insert.setString(8, values.tier());
            }
            insert.executeUpdate();
        }
        tx.customers().add(id);
        if (large) {
            tx.largeNotes().add(id);
        }
        tx.count(Operation.INSERT_CUSTOMER);
    }

    private void updateCustomer(Connection connection, Transaction tx, long id) throws SQLException {
        String sql = "UPDATE " + table(schema, "customers") + " SET phone = ?, region = ?, updated_at = now()"
            + (columnAdded ? ", " + ADDED_COLUMN + " = ?" : "") + " WHERE id = ?";
        if (columnAdded) {
            execute(connection, sql, values.phone(), values.region(), values.tier(), id);
        } else {
            execute(connection, sql, values.phone(), values.region(), id);
        }
        tx.count(tx.largeNotes().contains(id) ? Operation.UPDATE_CUSTOMER_KEEPING_TOAST : Operation.UPDATE_CUSTOMER);
    }

    private void insertOrder(Connection connection, Transaction tx) throws SQLException {
        long id = tx.nextOrder();
        long customer = tx.customers().isEmpty() ? 0 : tx.pick(tx.customers());
        execute(connection, "INSERT INTO " + table(schema, "orders") + " (id, customer_id, status, amount) VALUES (?, ?, ?, ?)",
            id, customer, values.status(), values.amount());
        tx.orders().add(id);
        tx.count(Operation.INSERT_ORDER);
    }

    private static void setCustomer(PreparedStatement insert, long id, ShopRows values, boolean largeNotes)
        throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, values.name(id));
        insert.setString(3, values.email(id));
        insert.setString(4, values.phone());
        insert.setString(5, values.cardNumber());
        insert.setString(6, values.region());
        insert.setString(7, values.notes(largeNotes));
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int rows = statement.executeUpdate();
            if (rows != 1) {
                throw new IllegalStateException("Expected to change one row, changed " + rows + ": " + sql);
            }
        }
    }

    static String table(String schema, String table) {
        return "\"" + schema.replace("\"", "\"\"") + "\"." + table;
    }

    /** What the workload did so far. */
    public WorkloadSummary progress() {
        return summary(0);
    }

    /**
     * Stops writing, then makes one last change (a new order) and returns the counts with that
     * change's position: once a pipeline has carried everything up to {@link WorkloadSummary#finalLsn()},
     * it has carried the whole workload.
     *
     * @throws IllegalStateException if a statement of the workload failed
     */
    public synchronized WorkloadSummary stop() {
        if (stopped != null) {
            return stopped;
        }
        running = false;
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the workload", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("The workload on " + schema + " did not stop within " + STOP_TIMEOUT);
        }
        if (failure != null) {
            throw new IllegalStateException("The workload on " + schema + " failed: " + failure.getMessage(), failure);
        }
        stopped = summary(finalChange());
        return stopped;
    }

    /** A last insert, after noting the WAL insert position: the insert's own position is at or after it. */
    private long finalChange() {
        try (Connection connection = postgres.connect(database)) {
            connection.setAutoCommit(false);
            long lsn;
            try (Statement statement = connection.createStatement();
                 ResultSet position = statement.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
                position.next();
                lsn = LogSequenceNumber.valueOf(position.getString(1)).asLong();
            }
            Transaction transaction = new Transaction();
            insertOrder(connection, transaction);
            connection.commit();
            transaction.apply();
            transactions.incrementAndGet();
            return lsn;
        } catch (SQLException e) {
            throw new IllegalStateException("The workload's final change failed: " + e.getMessage(), e);
        }
    }

    private WorkloadSummary summary(long finalLsn) {
        Map<Operation, Long> snapshot = new EnumMap<>(Operation.class);
        counts.forEach((operation, count) -> snapshot.put(operation, count.get()));
        return new WorkloadSummary(snapshot, transactions.get(), finalLsn);
    }

    /** Stops the workload if a test ends without {@link #stop()}, without throwing its failure again. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The changes of one transaction, applied to the workload's view of the tables only after the
     * commit, so that a failed transaction leaves that view as the database has it.
     */
    private final class Transaction {
        private final List<Long> txCustomers = new ArrayList<>(customers);
        private final Set<Long> txLargeNotes = new HashSet<>(largeNotes);
        private final List<Long> txOrders = new ArrayList<>(orders);
        private final Map<Operation, Integer> txCounts = new EnumMap<>(Operation.class);
        private long txNextCustomer = nextCustomer;
        private long txNextOrder = nextOrder;

        List<Long> customers() {
            return txCustomers;
        }

        Set<Long> largeNotes() {
            return txLargeNotes;
        }

        List<Long> orders() {
            return txOrders;
        }

        long pick(List<Long> ids) {
            return ids.get(values.random().nextInt(ids.size()));
        }

        long nextCustomer() {
            return txNextCustomer++;
        }

        long nextOrder() {
            return txNextOrder++;
        }

        void count(Operation operation) {
            txCounts.merge(operation, 1, Integer::sum);
        }

        void apply() {
            customers.clear();
            customers.addAll(txCustomers);
            largeNotes.clear();
            largeNotes.addAll(txLargeNotes);
            orders.clear();
            orders.addAll(txOrders);
            nextCustomer = txNextCustomer;
            nextOrder = txNextOrder;
            txCounts.forEach((operation, count) -> counts.get(operation).addAndGet(count));
        }
    }
}
