package org.arrayflow.dataflow.systolic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The planner's view of one buffer: which operand slices are on chip, least recently used first.
 * It decides what must be fetched again; the engine enforces the same capacity in time.
 */
final class SliceCache {
    /** A cached slice: its size, the last task that used it, and for partial sums whether it is unfinished. */
    static final class Entry {
        final long key;
        final long bytes;
        int lastUse;
        boolean dirty;
        long words;
        int tensor;

        Entry(long key, long bytes) {
            this.key = key;
            this.bytes = bytes;
        }
    }

    final int buffer;
    final long capacity;
    private long used;
    private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    SliceCache(int buffer, long capacity) {
        this.buffer = buffer;
        this.capacity = Math.max(0, capacity);
    }

    Entry get(long key) {
        return entries.get(key);
    }

    long used() {
        return used;
    }

    long free() {
        return capacity - used;
    }

    /**
     * Evicts unpinned slices, least recently used first, until {@code bytes} fit; returns the evicted
     * slices (whose space the caller frees), or null if they cannot fit even then.
     */
    List<Entry> makeRoom(long bytes, java.util.Set<Long> pinned) {
        if (bytes > capacity) {
            return null;
        }
        if (free() >= bytes) {
            return new ArrayList<>();
        }
        // The pinned set is a fold's few operands: computing what is evictable from it keeps this O(evicted),
        // not O(cached slices) per lookup (a fold-heavy layer caches tens of thousands of slices).
        long evictable = used - pinnedBytes(pinned);
        if (free() + evictable < bytes) {
            return null;
        }
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.values().iterator();
        while (free() < bytes && it.hasNext()) {
            Entry e = it.next();
            if (!pinned.contains(e.key)) {
                it.remove();
                used -= e.bytes;
                out.add(e);
            }
        }
        return out;
    }

    Entry insert(long key, long bytes) {
        Entry e = new Entry(key, bytes);
        entries.put(key, e);
        used += bytes;
        return e;
    }

    void remove(long key) {
        Entry e = entries.remove(key);
        if (e != null) {
            used -= e.bytes;
        }
    }

    /** Space that pinned slices use. */
    long pinnedBytes(java.util.Set<Long> pinned) {
        long b = 0;
        for (Long k : pinned) {
            Entry e = entries.get(k);
            if (e != null) {
                b += e.bytes;
            }
        }
        return b;
    }
}
