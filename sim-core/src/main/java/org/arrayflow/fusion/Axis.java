package org.arrayflow.fusion;

/**
 * Pyramid tracing along one spatial axis (rows or columns; the two are independent). The last level is
 * cut into tiles of {@code tile}; for each tile the interval it needs at every lower level is traced back
 * through each layer's window: output interval [a, b] needs input [a·S − P, b·S − P + Keff − 1], clipped
 * to the map (padding is not stored). {@code computed} is what a pyramid produces at each level: the whole
 * traced interval (recompute, block), or only the part the previous pyramid did not (reuse).
 * For block convolution the interval at each level is the tile's own block, [a·S, (b+1)·S − 1]: no halo.
 */
final class Axis {
    final int tiles;
    /** [tile][level] inclusive bounds of the traced interval; empty when hi &lt; lo. */
    final int[][] lo;
    final int[][] hi;
    final int[][] computed;

    Axis(int[] sizes, int[] keff, int[] stride, int[] pad, int tile, FusionStrategy strategy) {
        int levels = sizes.length;
        int last = levels - 1;
        tiles = (sizes[last] + tile - 1) / tile;
        lo = new int[tiles][levels];
        hi = new int[tiles][levels];
        computed = new int[tiles][levels];
        for (int i = 0; i < tiles; i++) {
            lo[i][last] = i * tile;
            hi[i][last] = Math.min(sizes[last], (i + 1) * tile) - 1;
            for (int l = last - 1; l >= 0; l--) {
                long a;
                long b;
                if (strategy == FusionStrategy.BLOCK) {
                    a = (long) lo[i][l + 1] * stride[l];
                    b = (long) (hi[i][l + 1] + 1) * stride[l] - 1;
                } else {
                    a = (long) lo[i][l + 1] * stride[l] - pad[l];
                    b = (long) hi[i][l + 1] * stride[l] - pad[l] + keff[l] - 1;
                }
                lo[i][l] = (int) Math.max(0, a);
                hi[i][l] = (int) Math.min(sizes[l] - 1, b);
            }
            for (int l = 0; l < levels; l++) {
                int start = lo[i][l];
                if (strategy == FusionStrategy.REUSE && i > 0) {
                    start = Math.max(start, hi[i - 1][l] + 1);
                }
                computed[i][l] = Math.max(0, hi[i][l] - start + 1);
            }
        }
    }

    int traced(int i, int level) {
        return Math.max(0, hi[i][level] - lo[i][level] + 1);
    }

    long sumComputed(int level) {
        long s = 0;
        for (int i = 0; i < tiles; i++) {
            s += computed[i][level];
        }
        return s;
    }

    int maxTraced(int level) {
        int m = 0;
        for (int i = 0; i < tiles; i++) {
            m = Math.max(m, traced(i, level));
        }
        return m;
    }

    /** The largest new interval of a steady-state pyramid (any but the first, which fills the caches). */
    int steadyComputed(int level) {
        if (tiles == 1) {
            return computed[0][level];
        }
        int m = 0;
        for (int i = 1; i < tiles; i++) {
            m = Math.max(m, computed[i][level]);
        }
        return m;
    }
}
