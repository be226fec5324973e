package org.arrayflow.dataflow.systolic;

import java.util.ArrayList;
import java.util.HashMap;
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
        Entry prev;
        Entry next;

        Entry(long key, long bytes) {
            this.key = key;
            this.bytes = bytes;
        }
    }

    final int buffer;
    final long capacity;
    private long used;
    private final HashMap<Long, Entry> index = new HashMap<>();
    /** Sentinel of the recency list: head.next is least recently used, head.prev most recently used. */
    private final Entry head = new Entry(-1, 0);

    SliceCache(int buffer, long capacity) {
        this.buffer = buffer;
        this.capacity = Math.max(0, capacity);
        head.prev = head;
        head.next = head;
    }

    /** Looks a slice up and marks it most recently used. */
    Entry get(long key) {
        Entry e = index.get(key);
        if (e != null) {
            unlink(e);
            append(e);
        }
        return e;
    }

    /** Looks a slice up without changing the recency order. */
    Entry peek(long key) {
        return index.get(key);
    }

    long used() {
        return used;
    }

    long free() {
        return capacity - used;
    }

    /**
     * Evicts unpinned slices, least recently used first, until {@code bytes} fit; returns the evicted
     * slices (whose space the caller frees), or null, evicting nothing, if they cannot fit even then.
     */
    List<Entry> makeRoom(long bytes, Pins pinned) {
        if (bytes > capacity) {
            return null;
        }
        if (free() >= bytes) {
            return List.of();
        }
        if (capacity - pinnedBytes(pinned) < bytes) {
            return null;
        }
        List<Entry> out = new ArrayList<>();
        Entry e = head.next;
        while (free() < bytes && e != head) {
            Entry next = e.next;
            if (!pinned.contains(e.key)) {
                unlink(e);
                index.remove(e.key);
                used -= e.bytes;
                out.add(e);
            }
            e = next;
        }
        return out;
    }

    Entry insert(long key, long bytes) {
        Entry e = new Entry(key, bytes);
        index.put(key, e);
        append(e);
        used += bytes;
        return e;
    }

    void remove(long key) {
        Entry e = index.remove(key);
        if (e != null) {
            unlink(e);
            used -= e.bytes;
        }
    }

    /** Space that pinned slices of this buffer use. */
    long pinnedBytes(Pins pinned) {
        long b = 0;
        for (int i = 0; i < pinned.size(); i++) {
            Entry e = index.get(pinned.get(i));
            if (e != null) {
                b += e.bytes;
            }
        }
        return b;
    }

    private void unlink(Entry e) {
        e.prev.next = e.next;
        e.next.prev = e.prev;
    }

    private void append(Entry e) {
        e.prev = head.prev;
        e.next = head;
        head.prev.next = e;
        head.prev = e;
    }
}
