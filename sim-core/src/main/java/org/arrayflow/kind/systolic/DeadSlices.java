package org.arrayflow.kind.systolic;

import org.arrayflow.tensor.Density;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a layer's loops are planned as blocks ({@link FoldPlan#MAX_FOLDS}), a slice that no later fold of the loop
 * nest reads is released at the end of the block that read it last, instead of holding its buffer until it is
 * evicted: the planner knows the loop nest, as the compiler of a scratchpad does. Besides freeing the space for
 * slices that are read again, it lets a loop reach its steady state at once: a buffer no longer fills up with slices
 * of past iterations (an FC layer on a 1x1 array would take 65,536 blocks to fill a 64 KiB buffer with 1-byte ifmap
 * slices) before the blocks repeat ({@link FoldSkip}).
 */
final class DeadSlices {
    private final SliceTraffic traffic;
    private final FoldGeometry geo;
    private final int streamDim;
    private final int outerDim;
    private final long outer;
    private final Density kept;
    private final List<SliceCache.Entry> touched = new ArrayList<>();

    DeadSlices(SliceTraffic traffic, FoldGeometry geo, int outerDim, long outer, Density kept) {
        this.traffic = traffic;
        this.geo = geo;
        this.streamDim = geo.streamDim();
        this.outerDim = outerDim;
        this.outer = outer;
        this.kept = kept;
    }

    /** A slice a fold of the current block uses. */
    void touched(SliceCache.Entry e) {
        touched.add(e);
    }

    /** After loop iteration (stream chunk s, outer index a) of GEMM {@code instance}: releases what no later fold reads. */
    void release(long instance, long s, long a) {
        for (SliceCache.Entry e : touched) {
            SliceCache cache = e.owner;
            if (e.dirty || e.pinned || cache.peek(e.key) != e) {
                continue; // unfinished partial sums, or already gone
            }
            SliceKeys.SliceId id = traffic.keys.id(e.key);
            long[] last = lastRead(id);
            if (id.instance() != instance || last[0] < s || last[0] == s && last[1] <= a) {
                cache.remove(e.key);
                traffic.free(e);
            }
        }
        touched.clear();
    }

    /** The last (stream chunk, outer index) whose folds read a slice. */
    private long[] lastRead(SliceKeys.SliceId id) {
        long[] maxIdx = {-1, -1, -1};
        switch (id.tag()) {
            case 0 -> {
                maxIdx[FoldGeometry.M] = id.i1();
                maxIdx[FoldGeometry.K] = kept == null ? id.i2() : lastFold((id.i2() + 1) * kept.n() - 1);
            }
            case 3 -> {
                maxIdx[FoldGeometry.M] = id.i1();
                long denseLast = (id.i2() + 1) * geo.gemm().kernelArea() - 1;
                maxIdx[FoldGeometry.K] = kept == null ? lastFold(denseLast)
                        : lastFold((denseLast / kept.m() + 1) * kept.n() - 1);
            }
            case 1 -> {
                maxIdx[FoldGeometry.K] = id.i1();
                maxIdx[FoldGeometry.N] = id.i2();
            }
            default -> {
                maxIdx[FoldGeometry.M] = id.i1();
                maxIdx[FoldGeometry.N] = id.i2();
            }
        }
        long s = maxIdx[streamDim] >= 0 ? maxIdx[streamDim] : geo.streamChunks() - 1;
        long a = maxIdx[outerDim] >= 0 ? maxIdx[outerDim] : outer - 1;
        return new long[] {s, a};
    }

    /** The last K fold whose range starts at or before K index {@code k}. */
    private long lastFold(long k) {
        return Math.min(geo.pieces(FoldGeometry.K) - 1, k / geo.chunk(FoldGeometry.K));
    }
}
