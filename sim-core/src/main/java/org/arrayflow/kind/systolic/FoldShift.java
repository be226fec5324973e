package org.arrayflow.kind.systolic;

import org.arrayflow.tensor.Density;
import org.arrayflow.workload.Gemm;

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
    /** The longest step looked for, in loop iterations: past it a loop is planned iteration by iteration. */
    static final int MAX_STEP = 64;

    /**
     * The shortest step of a loop over fold indices of {@code dim} that maps slices onto slices, or null if none
     * is within {@link #MAX_STEP}. {@code kept} is the N:M pattern whose pruned weights the array skips, or null.
     */
    static FoldShift shortest(FoldGeometry geo, int dim, Density kept, boolean ifmapStored) {
        Gemm g = geo.gemm();
        long chunk = geo.chunk(dim);
        boolean planes = ifmapStored && !(g.kernelArea() == 1 && g.ifmapPlaneWords() == g.m());
        for (long p = 1; p <= MAX_STEP; p++) {
            long moved = p * chunk;
            long[] fold = new long[3];
            fold[dim] = p;
            if (dim == FoldGeometry.M) {
                // a range of M rows touches floor(plane x row / M) words of each plane: the same again after a move
                // of M / gcd(plane, M) rows
                if (planes && java.math.BigInteger.valueOf(moved).multiply(java.math.BigInteger.valueOf(g.ifmapPlaneWords()))
                        .mod(java.math.BigInteger.valueOf(g.m())).signum() != 0) {
                    continue;
                }
                return new FoldShift(fold, 0, 0);
            }
            if (dim == FoldGeometry.N) {
                return new FoldShift(fold, 0, 0);
            }
            if (kept != null && moved % kept.n() != 0) {
                continue;
            }
            long dense = kept == null ? moved : moved / kept.n() * kept.m();
            if (planes && dense % g.kernelArea() != 0) {
                continue;
            }
            return new FoldShift(fold, kept == null ? p : moved / kept.n(), planes ? dense / g.kernelArea() : 0);
        }
        return null;
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
