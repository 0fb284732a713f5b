package io.tidemark.connect.systemtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The writer benchmark's input: a table of {@code tableRows} rows (ids 1..n, version 0) and {@code changes}
 * keyed changes against it, 70% updates and 10% deletes of live rows and 20% inserts of new ids, cut into
 * flushes of distinct keys (what the sink's buffer hands its writer after keeping the newest change per key).
 * Versions grow by one per change, like a log position. It knows the state the table must end in.
 */
final class WriterWorkload {

    /** One flush: the i-th change is {@code ops[i]} (c, u, d) of row {@code ids[i]} at {@code versions[i]}. */
    record Flush(char[] ops, long[] ids, long[] versions) {

        int size() {
            return ids.length;
        }
    }

    /** What the table holds at the end, as cheap aggregates any database computes the same way. */
    record Fingerprint(long rows, long sumIds, long sumVersions) {
    }

    private final int tableRows;
    private final int flushSize;
    private final long seed;
    private final List<Flush> flushes;
    private final Fingerprint expected;

    private WriterWorkload(int tableRows, int flushSize, long seed, List<Flush> flushes, Fingerprint expected) {
        this.tableRows = tableRows;
        this.flushSize = flushSize;
        this.seed = seed;
        this.flushes = List.copyOf(flushes);
        this.expected = expected;
    }

    static WriterWorkload generate(int tableRows, int changes, int flushSize, long seed) {
        Random random = new Random(seed);
        int maxId = tableRows + changes;
        LiveKeys live = new LiveKeys(maxId);
        long[] version = new long[maxId + 1];
        int[] touchedIn = new int[maxId + 1];
        long rows = tableRows;
        long sumIds = 0;
        long sumVersions = 0;
        for (long id = 1; id <= tableRows; id++) {
            live.add(id);
            sumIds += id;
        }
        long nextId = tableRows + 1L;
        long position = 0;
        List<Flush> flushes = new ArrayList<>();
        for (int start = 0, flushNumber = 1; start < changes; start += flushSize, flushNumber++) {
            int size = Math.min(flushSize, changes - start);
            char[] ops = new char[size];
            long[] ids = new long[size];
            long[] versions = new long[size];
            for (int i = 0; i < size; i++) {
                int dice = random.nextInt(100);
                char op = dice < 70 ? 'u' : dice < 90 ? 'c' : 'd';
                long id;
                if (op == 'c') {
                    id = nextId++;
                    live.add(id);
                    rows++;
                    sumIds += id;
                } else {
                    do {
                        id = live.random(random);
                    } while (touchedIn[(int) id] == flushNumber);
                }
                touchedIn[(int) id] = flushNumber;
                position++;
                sumVersions += (op == 'd' ? 0 : position) - version[(int) id];
                version[(int) id] = op == 'd' ? 0 : position;
                if (op == 'd') {
                    live.remove(id);
                    rows--;
                    sumIds -= id;
                }
                ops[i] = op;
                ids[i] = id;
                versions[i] = position;
            }
            flushes.add(new Flush(ops, ids, versions));
        }
        return new WriterWorkload(tableRows, flushSize, seed, flushes, new Fingerprint(rows, sumIds, sumVersions));
    }

    int tableRows() {
        return tableRows;
    }

    List<Flush> flushes() {
        return flushes;
    }

    int changes() {
        return flushes.stream().mapToInt(Flush::size).sum();
    }

    Fingerprint expected() {
        return expected;
    }

    /**
     * The first {@code changes} changes of this workload (for contenders too slow for all), with their own expected
     * state: generating again from the same seed and flush size repeats the same sequence.
     */
    WriterWorkload firstChanges(int changes) {
        return generate(tableRows, changes, flushSize, seed);
    }
}
