package io.tidemark.connect.systemtest.bench;

import java.util.Random;

/** The keys a simulated table holds: add, remove and a uniformly random pick, each in constant time. */
final class LiveKeys {

    private final long[] keys;
    /** Index + 1 of each id in {@link #keys}, 0 when the id is not live. */
    private final int[] positions;
    private int size;

    /** For ids 1 to {@code maxId}. */
    LiveKeys(int maxId) {
        this.keys = new long[maxId];
        this.positions = new int[maxId + 1];
    }

    void add(long id) {
        if (positions[(int) id] == 0) {
            keys[size] = id;
            positions[(int) id] = ++size;
        }
    }

    void remove(long id) {
        int index = positions[(int) id] - 1;
        if (index < 0) {
            return;
        }
        long last = keys[--size];
        keys[index] = last;
        positions[(int) last] = index + 1;
        positions[(int) id] = 0;
    }

    boolean contains(long id) {
        return positions[(int) id] != 0;
    }

    long random(Random random) {
        return keys[random.nextInt(size)];
    }

    int size() {
        return size;
    }
}
