package org.arrayflow.kind.systolic;

import org.arrayflow.tensor.Density;
import org.arrayflow.workload.Gemm;

import java.math.BigInteger;

/**
 * How the operand slices of one loop iteration's folds map onto the next iteration's, when a loop over fold indices
 * of one GEMM dimension moves on {@code steps} indices: fold indices of that dimension move by {@code steps}, an
 * ifmap channel index by the channels those folds span. Planning that step again from the translated cache state
 * gives the translated plan, which is what lets {@link FoldSkip} skip iterations of a steady state. A step exists
 * only where it moves every slice by whole indices and leaves every slice's size as it was.
 *
 * @param fold    per GEMM dimension (M, K, N), the fold indices one step moves
 * @param kSlice  how far the key index of an ifmap K-range slice moves (kept-weight groups where the array skips
 *                pruned weights, else K folds)
 * @param channel how far an ifmap channel-plane slice moves
 */
record FoldShift(long[] fold, long kSlice, long channel) {
    /**
     * The longest step taken, in loop iterations: past it a loop is planned iteration by iteration. A step is one
     * block of {@link FoldSkip}, planned at least three times before it can be repeated, so a long step only pays
     * in a long loop; the caller's loop bounds decide whether it is ever taken.
     */
    static final long MAX_STEP = 1 << 14;

    /**
     * The shortest step of a loop over fold indices of {@code dim} that maps slices onto slices, or null if none
     * is within {@link #MAX_STEP}. {@code kept} is the N:M pattern whose pruned weights the array skips, or null.
     */
    static FoldShift shortest(FoldGeometry geo, int dim, Density kept, boolean ifmapStored) {
        Gemm g = geo.gemm();
        long chunk = geo.chunk(dim);
        boolean planes = ifmapStored && !(g.kernelArea() == 1 && g.ifmapPlaneWords() == g.m());
        long[] fold = new long[3];
        if (dim == FoldGeometry.N) {
            fold[dim] = 1;
            return new FoldShift(fold, 0, 0);
        }
        if (dim == FoldGeometry.M) {
            // a range of M rows touches floor(plane x row / M) words of each plane: the same again once p chunks
            // move p x chunk x plane rows by a multiple of M, first at p = M / gcd(M, chunk x plane)
            long p = planes ? period(BigInteger.valueOf(chunk).multiply(BigInteger.valueOf(g.ifmapPlaneWords())), g.m())
                    : 1;
            if (p > MAX_STEP) {
                return null;
            }
            fold[dim] = p;
            return new FoldShift(fold, 0, 0);
        }
        // K: a step must move whole N:M groups of kept weights (p x chunk a multiple of n), and, where the ifmap is
        // stored as channel planes, whole channels of dense K (the dense length a multiple of the kernel area)
        long p = kept == null ? 1 : period(BigInteger.valueOf(chunk), kept.n());
        long dense = kept == null ? p * chunk : p * chunk / kept.n() * kept.m();
        if (planes) {
            p *= period(BigInteger.valueOf(dense), g.kernelArea());
        }
        if (p > MAX_STEP) {
            return null;
        }
        long moved = p * chunk;
        dense = kept == null ? moved : moved / kept.n() * kept.m();
        fold[dim] = p;
        return new FoldShift(fold, kept == null ? p : moved / kept.n(), planes ? dense / g.kernelArea() : 0);
    }

    /** The least p >= 1 with p x a a multiple of m: m / gcd(a, m). */
    private static long period(BigInteger a, long m) {
        BigInteger bm = BigInteger.valueOf(m);
        return bm.divide(a.gcd(bm)).longValueExact();
    }

    /** Slice key fields (tag, i1, i2; see {@link SliceTraffic#key}) moved on {@code times} steps. */
    long i1(int tag, long i1, long times) {
        return i1 + times * (tag == 1 ? fold[FoldGeometry.K] : fold[FoldGeometry.M]);
    }

    long i2(int tag, long i2, long times) {
        long step = switch (tag) {
            case 0 -> kSlice;
            case 3 -> channel;
            default -> fold[FoldGeometry.N];
        };
        return i2 + times * step;
    }

    /** A fold's row or column index moved on {@code times} steps. */
    long along(int dim, long index, long times) {
        return index + times * fold[dim];
    }
}
