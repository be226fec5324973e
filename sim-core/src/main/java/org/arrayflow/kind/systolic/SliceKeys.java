package org.arrayflow.kind.systolic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A slice's cache key from its identity, and back: the fields packed into a long when they fit (the common case),
 * otherwise a number drawn from a table, so that two different slices never share a key (a hash could collide and
 * fake a hit). Reading a key back lets {@link FoldSkip} move a slice on to the one a later loop step uses.
 */
final class SliceKeys {
    /** A slice's identity: tag (0 ifmap K range, 1 weight, 2 partial sums, 3 ifmap channel plane), GEMM instance, two indices. */
    record SliceId(int tag, long instance, long i1, long i2) {}

    private final Map<SliceId, Long> wideKeys = new HashMap<>();
    private final List<SliceId> wideIds = new ArrayList<>();

    long key(int tag, long instance, long i1, long i2) {
        if (instance < (1L << 26) && i1 < (1L << 17) && i2 < (1L << 17)) {
            return ((long) tag << 62) | (instance << 34) | (i1 << 17) | i2;
        }
        // bit 61 is never set by the packed form (instance < 2^26 leaves bits 60..61 clear)
        return wideKeys.computeIfAbsent(new SliceId(tag, instance, i1, i2), k -> {
            wideIds.add(k);
            return (1L << 61) | (wideIds.size() - 1);
        });
    }

    /** The fields a key was made of. */
    SliceId id(long key) {
        if ((key & (1L << 61)) != 0) {
            return wideIds.get((int) (key & ((1L << 61) - 1)));
        }
        return new SliceId((int) (key >>> 62), (key >>> 34) & ((1L << 26) - 1), (key >>> 17) & ((1L << 17) - 1),
                key & ((1L << 17) - 1));
    }
}
