package io.tidemark.connect.systemtest.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The row every sink benchmark writes: a customer table of nine columns (key {@code id}), typical of an
 * operational table. A row's values are a pure function of its id and version, so the input needs no storage
 * and any table can be checked against the expected state.
 */
public final class CustomerRows {

    /** Data columns in table order, key first. */
    public static final List<String> COLUMNS = List.of("id", "name", "email", "phone", "city", "score", "active",
        "updated_at", "note");

    public static final Schema KEY = SchemaBuilder.struct().name("bench.public.customers.Key")
        .field("id", Schema.INT64_SCHEMA).build();

    /** A flat row (plain upsert by key; deletes are tombstones). */
    public static final Schema FLAT = rowSchema("bench.public.customers.Value", false);

    /** Our change-event contract: the row plus __op, __source_ts_ms, __position, __deleted. */
    public static final Schema CONTRACT = rowSchema("bench.public.customers.Value", true);

    private static final String[] CITIES = {"Lyon", "Berlin", "Porto", "Gdansk", "Turin", "Ghent", "Bergen", "Cork"};
    private static final long EPOCH_MS = 1_700_000_000_000L;

    private CustomerRows() {
    }

    private static Schema rowSchema(String name, boolean contract) {
        SchemaBuilder builder = SchemaBuilder.struct().name(name)
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("phone", Schema.OPTIONAL_STRING_SCHEMA)
            .field("city", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", Schema.OPTIONAL_INT32_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("updated_at", Timestamp.builder().optional().build())
            .field("note", Schema.OPTIONAL_STRING_SCHEMA);
        if (contract) {
            builder.field("__op", Schema.STRING_SCHEMA)
                .field("__source_ts_ms", Schema.INT64_SCHEMA)
                .field("__position", Schema.INT64_SCHEMA)
                .field("__deleted", Schema.BOOLEAN_SCHEMA);
        }
        return builder.build();
    }

    /** The data values of row {@code id} at {@code version}, in {@link #COLUMNS} order. */
    public static Object[] values(long id, long version) {
        return new Object[] {
            id,
            "name-" + id + "-" + version,
            "user" + id + "." + version + "@example.com",
            "+3361" + String.format("%07d", (id * 7919 + version) % 10_000_000),
            CITIES[(int) ((id + version) % CITIES.length)],
            (int) ((id * 31 + version) % 1000),
            (id + version) % 3 != 0,
            updatedAt(version),
            "note " + version + " for customer " + id,
        };
    }

    /** The source commit time of a version, in ms: versions are one millisecond apart. */
    public static long sourceTsMs(long version) {
        return EPOCH_MS + version;
    }

    /** updated_at as the sinks store it: a timestamp without time zone, UTC wall clock. */
    public static LocalDateTime updatedAt(long version) {
        return LocalDateTime.ofEpochSecond((EPOCH_MS + version * 1000) / 1000, 0, ZoneOffset.UTC);
    }

    public static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    public static Struct flat(long id, long version) {
        return fill(new Struct(FLAT), values(id, version));
    }

    /** A change in our contract; a delete carries only the key, as PostgreSQL sends it by default. */
    public static Struct contract(long id, long version, char op) {
        Struct value = new Struct(CONTRACT);
        if (op == 'd') {
            value.put("id", id);
        } else {
            fill(value, values(id, version));
        }
        return value.put("__op", String.valueOf(op)).put("__source_ts_ms", sourceTsMs(version)).put("__position", version)
            .put("__deleted", op == 'd');
    }

    private static Struct fill(Struct struct, Object[] values) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            Object value = values[i];
            if (value instanceof LocalDateTime time) {
                value = Date.from(time.toInstant(ZoneOffset.UTC));
            }
            struct.put(COLUMNS.get(i), value);
        }
        return struct;
    }

    /** PostgreSQL column definitions as the warehouse sink creates them (data, then its metadata columns). */
    public static String postgresColumns() {
        return "id bigint NOT NULL, name text, email text, phone text, city text, score integer, active boolean, "
            + "updated_at timestamp, note text, \"__version\" bigint, \"__source_ts_ms\" bigint, PRIMARY KEY (id)";
    }

    /** The same for DuckDB. */
    public static String duckDbColumns() {
        return "id BIGINT NOT NULL, name VARCHAR, email VARCHAR, phone VARCHAR, city VARCHAR, score INTEGER, active BOOLEAN, "
            + "updated_at TIMESTAMP, note VARCHAR, \"__version\" BIGINT, \"__source_ts_ms\" BIGINT, PRIMARY KEY (id)";
    }
}
