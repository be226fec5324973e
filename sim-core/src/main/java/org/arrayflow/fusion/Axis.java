package org.arrayflow.fusion;

/**
 * Pyramid tracing along one spatial axis (rows or columns; the two are independent). The last level is
 * cut into tiles of {@code tile}; for each tile the interval it needs at every lower level is traced back
 * through each layer's window: output interval [a, b] needs input [a·S − P, b·S − P + Keff − 1], clipped
 * to the map (padding is not stored). {@code computed} is what a pyramid produces at each level: the whole
 * traced interval (recompute, block), or only the part the previous pyramid did not (reuse).
 * For block convolution the interval at each level is the tile's own block, [a·S, (b+1)·S − 1]: no halo.
 *
 * <p>Tiles that no edge of any level clips, whose predecessor no edge clips either, and that are not the last
 * (ragged) one are translations of each other: the same traced and computed lengths at every level. They form
 * one run [{@link #first}, {@link #last}], held as one representative; only the tiles the padding clips at
 * either end are held one by one. So an axis costs memory and time in its clipped tiles, not in its length:
 * a map 10^7 wide with tile 1 took 10^7 x levels entries per candidate tile (issue #18 item 6).
 */
final class Axis {
    final int tiles;
    private final int levels;
    private final int[] sizes;
    private final int[] keff;
    private final int[] stride;
    private final int[] pad;
    private final int tile;
    private final FusionStrategy strategy;
    /** The run of translated tiles, inclusive; empty when last &lt; first. */
    private final int first;
    private final int last;
    private final int[] runTraced;
    private final int[] runComputed;
    /** [edge tile][level] lengths of the tiles before and after the run. */
    private final int[][] edgeTraced;
    private final int[][] edgeComputed;

    Axis(int[] sizes, int[] keff, int[] stride, int[] pad, int tile, FusionStrategy strategy) {
        this.levels = sizes.length;
        this.sizes = sizes;
        this.keff = keff;
        this.stride = stride;
        this.pad = pad;
        this.tile = tile;
        this.strategy = strategy;
        tiles = (sizes[levels - 1] + tile - 1) / tile;
        // unclipped at the low end is monotone in i (true from some tile on), at the high end the other way
        int lo = 1;
        int hi = tiles - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (unclippedLow(mid - 1)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int a = lo;
        lo = 0;
        hi = tiles - 2;
        int b = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (unclippedHigh(mid)) {
                b = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (tiles < 3 || !unclippedLow(a - 1) || b < a) {
            a = tiles;
            b = tiles - 1;
        }
        first = a;
        last = b;
        runTraced = new int[levels];
        runComputed = new int[levels];
        if (first <= last) {
            long[][] iv = intervals(first);
            long[][] prev = intervals(first - 1);
            for (int l = 0; l < levels; l++) {
                runTraced[l] = length(iv[0][l], iv[1][l]);
                runComputed[l] = computedOf(iv, prev, l);
            }
        }
        int run = Math.max(0, last - first + 1);
        edgeTraced = new int[tiles - run][levels];
        edgeComputed = new int[tiles - run][levels];
        long[][] prev = null;
        for (int k = 0; k < tiles - run; k++) {
            int i = k < first ? k : k + run;
            long[][] iv = intervals(i);
            if (i > 0 && (prev == null || k == first)) {
                prev = intervals(i - 1);
            }
            for (int l = 0; l < levels; l++) {
                edgeTraced[k][l] = length(iv[0][l], iv[1][l]);
                edgeComputed[k][l] = computedOf(iv, i > 0 ? prev : null, l);
            }
            prev = iv;
        }
    }

    /** Index of tile i among the tiles held one by one (those before the run, then those after it). */
    private int edge(int i) {
        return i < first ? i : i - Math.max(0, last - first + 1);
    }

    /** [0][level] low and [1][level] high bound of the interval tile i traces, clipped to the map. */
    private long[][] intervals(int i) {
        long[][] iv = new long[2][levels];
        long[] raw = rawLow(i);
        long[] rawHi = rawHigh(i);
        for (int l = 0; l < levels; l++) {
            iv[0][l] = Math.max(0, raw[l]);
            iv[1][l] = Math.min(sizes[l] - 1, rawHi[l]);
        }
        return iv;
    }

    /** Unclipped low bounds per level, traced from the last level (each level's bound from the clipped one above). */
    private long[] rawLow(int i) {
        long[] out = new long[levels];
        int top = levels - 1;
        out[top] = (long) i * tile;
        long above = out[top];
        for (int l = top - 1; l >= 0; l--) {
            long a = strategy == FusionStrategy.BLOCK ? above * stride[l] : above * stride[l] - pad[l];
            out[l] = a;
            above = Math.max(0, a);
        }
        return out;
    }

    private long[] rawHigh(int i) {
        long[] out = new long[levels];
        int top = levels - 1;
        out[top] = Math.min(sizes[top], (long) (i + 1) * tile) - 1;
        long above = out[top];
        for (int l = top - 1; l >= 0; l--) {
            long b = strategy == FusionStrategy.BLOCK ? (above + 1) * stride[l] - 1
                    : above * stride[l] - pad[l] + keff[l] - 1;
            out[l] = b;
            above = Math.min(sizes[l] - 1, b);
        }
        return out;
    }

    private boolean unclippedLow(int i) {
        for (long v : rawLow(i)) {
            if (v < 0) {
                return false;
            }
        }
        return true;
    }

    private boolean unclippedHigh(int i) {
        long[] h = rawHigh(i);
        for (int l = 0; l < levels; l++) {
            if (h[l] > sizes[l] - 1) {
                return false;
            }
        }
        return true;
    }

    private static int length(long lo, long hi) {
        return (int) Math.max(0, hi - lo + 1);
    }

    private int computedOf(long[][] iv, long[][] prev, int l) {
        long start = iv[0][l];
        if (strategy == FusionStrategy.REUSE && prev != null) {
            start = Math.max(start, prev[1][l] + 1);
        }
        return length(start, iv[1][l]);
    }

    private boolean inRun(int i) {
        return i >= first && i <= last;
    }

    int traced(int i, int level) {
        return inRun(i) ? runTraced[level] : edgeTraced[edge(i)][level];
    }

    int computed(int i, int level) {
        return inRun(i) ? runComputed[level] : edgeComputed[edge(i)][level];
    }

    long sumComputed(int level) {
        long s = (long) Math.max(0, last - first + 1) * runComputed[level];
        for (int[] e : edgeComputed) {
            s += e[level];
        }
        return s;
    }

    int maxTraced(int level) {
        int m = first <= last ? runTraced[level] : 0;
        for (int[] e : edgeTraced) {
            m = Math.max(m, e[level]);
        }
        return m;
    }

    /** The largest new interval of a steady-state pyramid (any but the first, which fills the caches). */
    int steadyComputed(int level) {
        if (tiles == 1) {
            return computed(0, level);
        }
        int m = first <= last ? runComputed[level] : 0;
        for (int k = 1; k < edgeComputed.length; k++) {
            m = Math.max(m, edgeComputed[k][level]);
        }
        return m;
    }
}
