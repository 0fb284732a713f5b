package io.tidemark.connect.systemtest.stack;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names that keep tests sharing one stack apart: each test gets a unique lowercase prefix usable as
 * topic prefix, connector name, and PostgreSQL slot/publication name ([a-z0-9_]).
 *
 * <pre>{@code
 * TestNames names = TestNames.of("orders");      // e.g. orders_3
 * names.topicPrefix();                           // orders_3
 * names.connector("sink");                       // orders_3-sink
 * names.slot();                                  // orders_3_slot
 * }</pre>
 */
public record TestNames(String prefix) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public static TestNames of(String label) {
        String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return new TestNames(clean + "_" + SEQUENCE.incrementAndGet());
    }

    public String topicPrefix() {
        return prefix;
    }

    public String topic(String name) {
        return prefix + "." + name;
    }

    public String connector(String role) {
        return prefix + "-" + role;
    }

    public String slot() {
        return prefix + "_slot";
    }

    public String publication() {
        return prefix + "_pub";
    }
}
