package io.tidemark.connect.systemtest.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runner's {@code key=value} arguments (from {@code -Dbench.options="..."}): sizes, rounds, and whether to
 * update the README. Unknown keys fail at once, so a typo never silently runs the defaults.
 */
public final class BenchOptions {

    /** Every key a benchmark reads, with what it means. */
    static final Map<String, String> KNOWN = knownKeys();

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    private static Map<String, String> knownKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("rounds", "rounds per benchmark, contenders alternated in each (default 3)");
        keys.put("readme", "write the tables and charts into README.md and docs/performance (default true)");
        keys.put("events", "sink-e2e: change events in the topic (default 1000000)");
        keys.put("keys", "sink-e2e: distinct keys of the change events (default 200000)");
        keys.put("dbz.batch", "sink-e2e: batch.size of Debezium's JDBC sink, and its consumer's max.poll.records (default 5000)");
        keys.put("changes", "writer: keyed changes merged per contender and round (default 500000)");
        keys.put("table.rows", "writer: rows in the target table before each round (default 1000000)");
        keys.put("writer.databases", "writer: which of postgres,duckdb to measure (default both)");
        keys.put("duckdb.peer.changes", "writer: changes given to DuckDB's row-by-row INSERT OR REPLACE (default 20000)");
        keys.put("snapshot.rows", "source: rows in the table both connectors snapshot (default 500000)");
        keys.put("stream.changes", "source: changes written while the connectors are paused, then streamed (default 200000)");
        keys.put("rate", "source and e2e-latency: changes per second of the paced writers (default 2000)");
        keys.put("latency.seconds", "source and e2e-latency: how long the paced writers run per measurement (default 30)");
        keys.put("jmh.forks", "smt: JMH forks per round (default 1)");
        keys.put("jmh.warmups", "smt: JMH warm-up iterations (default 3)");
        keys.put("jmh.iterations", "smt: JMH measured iterations (default 5)");
        keys.put("jmh.seconds", "smt: seconds per JMH iteration (default 1)");
        return keys;
    }

    public static BenchOptions parse(Iterable<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + argument + "'");
            }
            String key = argument.substring(0, equals).trim();
            if (!KNOWN.containsKey(key)) {
                unknown.add(key);
            }
            values.put(key, argument.substring(equals + 1).trim());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown benchmark options " + unknown + "; known: " + KNOWN.keySet());
        }
        return new BenchOptions(values);
    }

    public int integer(String key, int defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Integer.parseInt(value.replace("_", ""));
    }

    public String text(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public boolean flag(String key, boolean defaultValue) {
        String value = values.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    public int rounds() {
        return integer("rounds", 3);
    }

    /** The options as given, for the command line printed beside the figures. */
    public String asArguments() {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
            if (!key.equals("readme")) {
                text.append(text.length() == 0 ? "" : " ").append(key).append('=').append(value);
            }
        });
        return text.toString();
    }
}
