package io.tidemark.connect.sink.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;


/**
 * Model-based test of the warehouse sink (DESIGN.md, Tests): random histories of a small keyed table go through
 * the real {@link io.tidemark.connect.sink.WarehouseSinkTask}, driven by a {@link SimulatedConnect} worker with
 * random put() batches, flushes (a small buffer.count.records, written by put() or by the task's writer thread with
 * one or two sealed flushes in flight, commits at random points), rebalances, task
 * crashes, offset resets and (where the database allows) killed connections, into a real database; afterwards the
 * warehouse must equal the {@link ExpectedWarehouse} computed from the source table and the topic alone, and while
 * it runs no commit may pass an incomplete dead-letter report and no newer row may be deleted. A failing history
 * shrinks to a minimal one, printed as the History to paste into {@link RegressionHistories}.
 *
 * <p>One subclass per database; each history writes fresh tables.
 */
public abstract class WarehouseModelProperties {

    private static final int KEYS = 3;

    /** The database the histories write into. */
    protected abstract ModelDatabase database();

    @Property
    void mergeWithHardDeletesLeavesTheWarehouseEqualToTheSource(@ForAll("histories") History history) throws Exception {
        new HistoryCheck(database()).check(history, HistoryCheck.Mode.MERGE_HARD);
    }

    @Property
    void mergeWithSoftDeletesLeavesTheWarehouseEqualToTheSource(@ForAll("histories") History history) throws Exception {
        new HistoryCheck(database()).check(history, HistoryCheck.Mode.MERGE_SOFT);
    }

    @Property
    void appendStoresEveryRecordExactlyOnce(@ForAll("histories") History history) throws Exception {
        new HistoryCheck(database()).check(history, HistoryCheck.Mode.APPEND);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<Integer> key = Arbitraries.integers().between(1, KEYS);
        List<Tuple.Tuple2<Integer, Arbitrary<? extends SourceStep>>> steps = new ArrayList<>(java.util.Arrays.asList(
                kind(4, "Insert", key.map(SourceStep.Insert::new)),
                kind(5, "Update", Combinators.combine(key, Arbitraries.of(true, false)).as(SourceStep.Update::new)),
                kind(3, "Delete", key.map(SourceStep.Delete::new)),
                kind(2, "ChangeKey", Combinators.combine(key, key).as(SourceStep.ChangeKey::new)),
                kind(2, "ChangeKeyFull", Combinators.combine(key, key).as(SourceStep.ChangeKeyFull::new)),
                kind(2, "Snapshot", Combinators.combine(key, Arbitraries.integers().between(0, 4)).as(SourceStep.Snapshot::new)),
                kind(1, "AddColumn", Arbitraries.just(new SourceStep.AddColumn())),
                kind(1, "Poison", Arbitraries.integers().between(0, 1).map(SourceStep.Poison::new))));
        steps.removeIf(weighted -> weighted == null);
        @SuppressWarnings("unchecked")
        Arbitrary<SourceStep> step = Arbitraries.frequencyOf(steps.toArray(new Tuple.Tuple2[0]));
        Arbitrary<Integer> partition = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 3);
        List<Tuple.Tuple2<Integer, Arbitrary<? extends DeliveryStep>>> deliveries = new ArrayList<>(java.util.Arrays.asList(
                kind(6, "Put", Combinators.combine(count, count).as(DeliveryStep.Put::new)),
                kind(4, "Commit", Arbitraries.just(new DeliveryStep.Commit())),
                kind(1, "Rebalance", partition.map(DeliveryStep.Rebalance::new)),
                kind(1, "Restart", partition.map(DeliveryStep.Restart::new)),
                kind(2, "ResetOffset", Combinators.combine(partition, Arbitraries.integers().between(1, 4)).as(DeliveryStep.ResetOffset::new))));
        if (database().connectionKiller() != null) {
            deliveries.add(kind(1, "KillConnections", Arbitraries.just(new DeliveryStep.KillConnections())));
        }
        deliveries.removeIf(weighted -> weighted == null);
        @SuppressWarnings("unchecked")
        Arbitrary<DeliveryStep> delivery = Arbitraries.frequencyOf(deliveries.toArray(new Tuple.Tuple2[0]));
        return Combinators.combine(key.set().ofMaxSize(KEYS), step.list().ofMinSize(1).ofMaxSize(12),
                delivery.list().ofMaxSize(12), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 2))
                .as(History::new);
    }

    /**
     * Kinds of step left out of the generated histories, named in the system property model.exclude (e.g.
     * {@code -Dmodel.exclude=Poison,Snapshot}): to look past a failure already known. The build leaves none out.
     */
    private static <T> Tuple.Tuple2<Integer, Arbitrary<? extends T>> kind(int weight, String name, Arbitrary<? extends T> steps) {
        String excluded = System.getProperty("model.exclude", "");
        return List.of(excluded.split(",")).contains(name) ? null : Tuple.of(weight, steps);
    }
}
