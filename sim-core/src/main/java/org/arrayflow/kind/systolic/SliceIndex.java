package org.arrayflow.kind.systolic;

import java.util.Arrays;

/**
 * The slice cache's index from (mixed) slice keys to entries: an open-addressing table with linear probing over
 * primitive longs, because the planner looks slices up once or more per fold and boxing every key into a
 * {@code HashMap<Long, ...>} was a fifth of a large layer's planning time. Deletion shifts the probe run back, so
 * no tombstones build up. Keys are already spread ({@code SliceCache.mix}); the low bits pick the slot.
 */
final class SliceIndex {
    private long[] keys = new long[16];
    private SliceCache.Entry[] values = new SliceCache.Entry[16];
    private int size;

    int size() {
        return size;
    }

    SliceCache.Entry get(long key) {
        int mask = keys.length - 1;
        for (int i = (int) key & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return null;
    }

    void put(long key, SliceCache.Entry value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) key & mask;
        while (values[i] != null) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    SliceCache.Entry remove(long key) {
        int mask = keys.length - 1;
        int i = (int) key & mask;
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        SliceCache.Entry old = values[i];
        if (old == null) {
            return null;
        }
        values[i] = null;
        size--;
        // shift back the entries of the probe run after the hole that would no longer be found from their slot
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = (int) keys[j] & mask;
            boolean between = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!between) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
        return old;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] k = keys;
        SliceCache.Entry[] v = values;
        keys = new long[k.length * 2];
        values = new SliceCache.Entry[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                put(k[i], v[i]);
            }
        }
    }
}
