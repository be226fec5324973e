package org.arrayflow.kind.systolic;

import java.util.ArrayList;
import java.util.List;

/** The slices the folds being planned are using, which must not be evicted until their compute is emitted. */
final class Pins {
    private final List<SliceCache.Entry> entries = new ArrayList<>();

    void add(SliceCache.Entry e) {
        if (!e.pinned) {
            e.pinned = true;
            e.owner.pinnedBytes += e.bytes;
            entries.add(e);
        }
    }

    /** Marks every pinned slice as last used by {@code task}. */
    void lastUse(int task) {
        for (SliceCache.Entry e : entries) {
            e.lastUse = task;
        }
    }

    void clear() {
        for (SliceCache.Entry e : entries) {
            e.pinned = false;
            e.owner.pinnedBytes -= e.bytes;
        }
        entries.clear();
    }
}
