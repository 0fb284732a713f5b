package io.tidemark.connect.smt.mask;

import java.util.function.Function;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.connect.data.Schema;

/**
 * The plan of each input schema, built once. Converters and Debezium hand out the same Schema object for every record
 * of a table, so a handful of recently used schemas is first checked by identity: no lock, no allocation, and none of
 * the deep hashCode/equals a ConnectSchema costs on 20 fields. Behind it, a synchronized LRU keyed by schema equality
 * (Kafka's own transforms' cache) catches equal schemas in new objects. Thread-safe.
 */
final class MaskPlanCache {

    private static final int RECENT = 8;

    private final Function<Schema, MaskPlan> planner;
    private final Cache<Schema, MaskPlan> byEquality;
    /** Immutable array, replaced whole; most recent first. */
    private volatile Recent[] recent = new Recent[0];

    MaskPlanCache(Function<Schema, MaskPlan> planner, int size) {
        this.planner = planner;
        this.byEquality = new SynchronizedCache<>(new LRUCache<>(size));
    }

    MaskPlan get(Schema schema) {
        Recent[] entries = recent;
        for (Recent entry : entries) {
            if (entry.schema == schema) {
                return entry.plan;
            }
        }
        MaskPlan plan = byEquality.get(schema);
        if (plan == null) {
            plan = planner.apply(schema);
            byEquality.put(schema, plan);
        }
        remember(schema, plan);
        return plan;
    }

    private synchronized void remember(Schema schema, MaskPlan plan) {
        Recent[] old = recent;
        Recent[] updated = new Recent[Math.min(old.length + 1, RECENT)];
        updated[0] = new Recent(schema, plan);
        System.arraycopy(old, 0, updated, 1, updated.length - 1);
        recent = updated;
    }

    private static final class Recent {
        final Schema schema;
        final MaskPlan plan;

        Recent(Schema schema, MaskPlan plan) {
            this.schema = schema;
            this.plan = plan;
        }
    }
}
