package io.tidemark.connect.smt.mask;

import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.record;
import static io.tidemark.connect.smt.mask.MaskFieldsStructTest.valueMask;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.ALICE_HMAC_HEX;
import static io.tidemark.connect.smt.mask.MaskStrategiesTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class MaskFieldsConcurrencyTest {

    @Test
    void oneTransformMasksRecordsOfManySchemasFromManyThreadsConsistently() throws Exception {
        // A cache of 2 for 12 schemas makes the threads evict and rebuild plans while others read them.
        MaskFields<SourceRecord> mask = valueMask("rules", "email,tier", "hmac.secret", SECRET,
                "rules.email.fields", "email", "rules.email.strategy", "hmac",
                "rules.tier.fields", "tier", "rules.tier.strategy", "redact", "schema.cache.size", "2");
        List<Schema> schemas = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            schemas.add(SchemaBuilder.struct().name("table" + i).field("email", Schema.OPTIONAL_STRING_SCHEMA)
                    .field("tier", Schema.OPTIONAL_INT32_SCHEMA).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                Callable<Integer> work = () -> {
                    for (int i = 0; i < 3_000; i++) {
                        Schema schema = schemas.get((i + offset) % schemas.size());
                        Struct masked = (Struct) mask.apply(record(schema, new Struct(schema)
                                .put("email", "alice@example.com").put("tier", i))).value();
                        assertThat(masked.getString("email")).isEqualTo(ALICE_HMAC_HEX);
                        assertThat(masked.getString("tier")).isEqualTo("***");
                        assertThat(masked.schema().name()).isEqualTo(schema.name());
                    }
                    return offset;
                };
                results.add(pool.submit(work));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
