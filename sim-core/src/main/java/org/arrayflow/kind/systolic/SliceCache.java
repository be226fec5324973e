package org.arrayflow.kind.systolic;

import java.util.ArrayList;
import java.util.List;

/**
 * The planner's view of one buffer: which operand slices are on chip, least recently used first.
 * It decides what must be fetched again; the engine enforces the same capacity in time.
 */
final class SliceCache {
    /** A cached slice: its size, the last task that used it, and for partial sums whether it is unfinished. */
    static final class Entry {
        long key;
        final long bytes;
        int lastUse;
        /** The DRAM load that brought the slice on chip, or -1. */
        int loadTask = -1;
        boolean dirty;
        long words;
        int tensor;
        boolean pinned;
        final SliceCache owner;
        Entry prev;
        Entry next;

        Entry(SliceCache owner, long key, long bytes) {
            this.owner = owner;
            this.key = key;
            this.bytes = bytes;
        }
    }

    final int buffer;
    final long capacity;
    private long used;
    /** Bytes of slices pinned by the folds being planned (kept by {@link Pins}). */
    long pinnedBytes;
    private final SliceIndex index = new SliceIndex();
    /** Sentinel of the recency list: head.next is least recently used, head.prev most recently used. */
    private final Entry head = new Entry(null, -1, 0);

    SliceCache(int buffer, long capacity) {
        this.buffer = buffer;
        this.capacity = Math.max(0, capacity);
        head.prev = head;
        head.next = head;
    }

    /** Looks a slice up and marks it most recently used. */
    Entry get(long key) {
        Entry e = index.get(mix(key));
        if (e != null) {
            unlink(e);
            append(e);
        }
        return e;
    }

    /** Looks a slice up without changing the recency order. */
    Entry peek(long key) {
        return index.get(mix(key));
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
    List<Entry> makeRoom(long bytes) {
        if (bytes > capacity) {
            return null;
        }
        if (free() >= bytes) {
            return List.of();
        }
        if (capacity - pinnedBytes < bytes) {
            return null;
        }
        List<Entry> out = new ArrayList<>();
        Entry e = head.next;
        while (free() < bytes && e != head) {
            Entry next = e.next;
            if (!e.pinned) {
                unlink(e);
                index.remove(mix(e.key));
                used -= e.bytes;
                out.add(e);
            }
            e = next;
        }
        return out;
    }

    /** Whether {@code bytes} could be made to fit by evicting unpinned slices. */
    boolean fits(long bytes) {
        return bytes <= capacity && (free() >= bytes || capacity - pinnedBytes >= bytes);
    }

    Entry insert(long key, long bytes) {
        Entry e = new Entry(this, key, bytes);
        index.put(mix(key), e);
        append(e);
        used += bytes;
        return e;
    }

    void remove(long key) {
        Entry e = index.remove(mix(key));
        if (e != null) {
            unlink(e);
            used -= e.bytes;
        }
    }

    /** The slices, least recently used first, for {@link FoldSkip}. */
    void describe(PlanState s) {
        s.add(used);
        s.add(pinnedBytes);
        s.add(index.size());
        for (Entry e = head.next; e != head; e = e.next) {
            s.key(e.key);
            s.add(e.bytes);
            s.task(e.lastUse);
            s.task(e.loadTask);
            s.add(e.dirty ? 1 : 0);
            s.add(e.words);
            s.add(e.tensor);
            s.add(e.pinned ? 1 : 0);
        }
    }

    /** Moves every slice on past a run's copies: new keys and task ids, the same order. */
    void advance(FoldSkip.Move move) {
        index.clear();
        for (Entry e = head.next; e != head; e = e.next) {
            e.key = move.key(e.key);
            e.lastUse = move.task(e.lastUse);
            e.loadTask = move.task(e.loadTask);
            index.put(mix(e.key), e);
        }
    }

    /** Spreads the structured key bits (a bijection, so distinct keys stay distinct) for the hash index. */
    private static long mix(long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        return z ^ (z >>> 29);
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
