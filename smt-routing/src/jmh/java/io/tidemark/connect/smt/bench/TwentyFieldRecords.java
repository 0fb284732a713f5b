package io.tidemark.connect.smt.bench;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records every benchmark transforms: 20-field Structs shaped like our CDC source's rows (one Schema object per
 * table, as converters and Debezium hand them out), spread over a few tables, with the tidemark.schema/table headers.
 * Built once; {@link #next()} cycles through them so no single record stays hot.
 */
final class TwentyFieldRecords {

    private static final int COUNT = 1024;
    private static final int TABLES = 8;

    private static final Schema VALUE = SchemaBuilder.struct().name("pg.public.customers.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("email", Schema.OPTIONAL_STRING_SCHEMA)
            .field("phone", Schema.OPTIONAL_STRING_SCHEMA)
            .field("card", Schema.OPTIONAL_STRING_SCHEMA)
            .field("first_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("last_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("street", Schema.OPTIONAL_STRING_SCHEMA)
            .field("city", Schema.OPTIONAL_STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_STRING_SCHEMA)
            .field("region", Schema.OPTIONAL_STRING_SCHEMA)
            .field("country", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tier", Schema.OPTIONAL_INT32_SCHEMA)
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("created_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("__op", Schema.STRING_SCHEMA)
            .field("__source_ts_ms", Schema.INT64_SCHEMA)
            .field("__position", Schema.INT64_SCHEMA)
            .field("__deleted", Schema.BOOLEAN_SCHEMA)
            .build();
    private static final Schema KEY = SchemaBuilder.struct().name("pg.public.customers.Key")
            .field("id", Schema.INT64_SCHEMA).build();

    private final SourceRecord[] records = build();
    private int next;

    /** The next record, round-robin; one instance per benchmark thread (JMH Scope.Thread state). */
    SourceRecord next() {
        next = (next + 1) & (COUNT - 1);
        return records[next];
    }

    private static SourceRecord[] build() {
        SourceRecord[] records = new SourceRecord[COUNT];
        for (int i = 0; i < COUNT; i++) {
            String table = "t" + (i % TABLES);
            Struct value = new Struct(VALUE).put("id", (long) i)
                    .put("email", "customer" + i + "@example.com")
                    .put("phone", "+3361234" + String.format("%04d", i))
                    .put("card", "411111111111" + String.format("%04d", i))
                    .put("first_name", "First" + i).put("last_name", "Last" + i)
                    .put("street", i + " Main Street").put("city", "Lyon").put("zip", "6900" + (i % 10))
                    .put("region", i % 2 == 0 ? "EU" : "US").put("country", "FR").put("tier", i % 5)
                    .put("score", i / 7.0).put("active", i % 3 == 0).put("created_ms", 1_700_000_000_000L + i)
                    .put("note", "customer since 2020").put("__op", "u").put("__source_ts_ms", 1_700_000_000_000L + i)
                    .put("__position", 10_000_000L + i).put("__deleted", false);
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString("tidemark.schema", "public");
            headers.addString("tidemark.table", table);
            records[i] = new SourceRecord(Map.of("server", "pg"), Map.of("lsn", (long) i), "pg.public." + table,
                    null, KEY, new Struct(KEY).put("id", (long) i), VALUE, value, 0L, headers);
        }
        return records;
    }
}
