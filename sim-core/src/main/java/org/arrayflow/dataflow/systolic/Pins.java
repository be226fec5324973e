package org.arrayflow.dataflow.systolic;

import java.util.Arrays;

/** The few slice keys a fold is using (at most a handful), which must not be evicted while it runs. */
final class Pins {
    private long[] keys = new long[8];
    private int size;

    void add(long key) {
        if (contains(key)) {
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    boolean contains(long key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    long get(int i) {
        return keys[i];
    }
}
