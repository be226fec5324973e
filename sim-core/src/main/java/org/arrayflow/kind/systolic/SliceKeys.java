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
    /** Bits given to the instance and to each index in the packed form, sized to the layer (61 bits in all). */
    private final int instanceBits;
    private final int i1Bits;
    private final int i2Bits;

    /**
     * Keys for a layer whose slices have instances below {@code instances}, first indices below {@code i1Bound}
     * and second indices below {@code i2Bound}. Fields are packed at those widths, so a layer of billions of rows
     * still packs; where even those widths pass 61 bits, instance and indices take 20 bits each and larger values
     * use the table.
     */
    SliceKeys(long instances, long i1Bound, long i2Bound) {
        int bi = bits(instances);
        int b1 = bits(i1Bound);
        int b2 = bits(i2Bound);
        if (bi + b1 + b2 > 61) {
            bi = 21;
            b1 = 20;
            b2 = 20;
        }
        instanceBits = bi;
        i1Bits = b1;
        i2Bits = b2;
    }

    /** Bits that hold every value below {@code bound}. */
    private static int bits(long bound) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, bound - 1)));
    }

    long key(int tag, long instance, long i1, long i2) {
        if (instance >>> instanceBits == 0 && i1 >>> i1Bits == 0 && i2 >>> i2Bits == 0) {
            return ((long) tag << 62) | (instance << (i1Bits + i2Bits)) | (i1 << i2Bits) | i2;
        }
        // bit 61 is never set by the packed form (its fields take at most 61 bits, bits 0..60)
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
        return new SliceId((int) (key >>> 62), (key >>> (i1Bits + i2Bits)) & ((1L << instanceBits) - 1),
                (key >>> i2Bits) & ((1L << i1Bits) - 1), key & ((1L << i2Bits) - 1));
    }
}
