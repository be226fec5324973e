package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.LoadImbalance;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Sparse;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;

import java.util.List;
import java.util.Map;

/**
 * One attempt at scheduling a matrix layer's folds in a given loop order, written as an engine program:
 * the loop nest over GEMM instances, stream chunks and folds ({@link FoldGeometry}), with consecutive folds
 * planned together by a {@link FoldGroup} and their operand traffic decided by {@link SliceTraffic}.
 * {@link SystolicPlanner} builds one attempt per loop order and keeps the one with the least DRAM traffic.
 */
final class FoldPlan {
    /**
     * Folds a layer may have and still be planned fold by fold, as every bundled layer is. Past it, the fold loop
     * in each stream chunk and the loop over stream chunks are planned as blocks, a steady state of blocks written
     * once and repeated ({@link FoldSkip}), and the planner writes at most {@link #MAX_PLANNED} folds, so time and
     * memory stay bounded whatever the layer's size: a 10^5-cubed GEMM on 32x32 (3.8e9 folds) in 4 s, where fold by
     * fold 262,144 folds took 5 s and 0.5 GB and 2,097,152 took 51 s and 3.5 GB (docs/model.md). A block ends its
     * compute group at each outer iteration and releases slices no later fold reads, so the same layer gets finer
     * groups than fold by fold: the same MACs and compute, overlap resolved more finely (VGG-16's fc6 on 32x32: 131
     * cycles of 9.5 M more; AlexNet's conv2 at batch 65,536 on tpu-v1: 3.6 % fewer, 1 fold a group against 2). The
     * bound therefore sits above every bundled layer (the largest, VGG's fc6 on 32x32, has 100,352 folds).
     */
    static final long MAX_FOLDS = 1 << 17;
    /** Folds planned one by one for one layer, where the rest are skipped as copies. */
    static final long MAX_PLANNED = 1 << 20;

    /** A loop planned as blocks that reached no steady state within {@link #MAX_PLANNED} folds. */
    static final class TooManyFolds extends MappingException {
        private static final long serialVersionUID = 1L;

        TooManyFolds(String message) {
            super(message);
        }
    }

    /**
     * An attempt given up because its cost so far is already beyond the best attempt's
     * ({@link SystolicPlanner#beyond}).
     * Thrown only where no {@link TooManyFolds} can follow (loops not planned as blocks), so the planner's choice
     * stays what finishing the attempt would have given. No stack trace: it is control flow, caught by the planner.
     */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }

    /** Loop nest over one GEMM: stream chunks outermost, then rows then columns, or columns then rows. */
    enum Order { ROWS_OUTER, COLS_OUTER }

    private final SystolicArch arch;
    private final SystolicPlanner planner;
    private final Layer layer;
    private final LayerContext ctx;
    private final Order order;
    private final Precision precision;
    /** The structured pattern whose pruned weights the array skips for this layer, or null. */
    private final Density kept;
    /** MACs a PE does per cycle in the layer's datatype. */
    private final int rate;
    private TileProgram program;
    private SliceTraffic traffic;
    private FoldGroup group;
    /** The shift-in of stationary tiles during folds, or null (see {@link ShiftIn}). */
    private ShiftIn shift;
    private FoldGeometry firstGeometry;
    private boolean orderMatters;
    /** MACs of pruned weights the array skipped. */
    private long skipped;

    /** The longest stream chunk this attempt may use (the planner tries shorter ones too), or Long.MAX_VALUE. */
    private final long chunkCap;
    private final long blocksFrom;
    /** The chunk the first GEMM's stream was cut to, or -1 where its stream is not cut (see {@link #geometry}). */
    private long cutChunk = -1;

    /** Whether loops are planned as blocks, repeated where they reach a steady state (see {@link #MAX_FOLDS}). */
    private boolean blocks;
    /** Whether blocks that repeat are skipped; without it every block is written (what the skip must equal). */
    private final boolean skip;
    private long planned;
    /** The best finished attempt's cost, beyond which this one is abandoned; NaN: planned whole. */
    private double bestCost = Double.NaN;

    FoldPlan(SystolicArch arch, SystolicPlanner planner, Layer layer, LayerContext ctx, Order order, long chunkCap) {
        this(arch, planner, layer, ctx, order, chunkCap, MAX_FOLDS, true);
    }

    /**
     * @param blocksFrom folds past which the layer's loops are planned as blocks
     * @param skip       whether repeated blocks are skipped (false: written out, to check the skip against)
     */
    FoldPlan(SystolicArch arch, SystolicPlanner planner, Layer layer, LayerContext ctx, Order order, long chunkCap,
             long blocksFrom, boolean skip) {
        this.blocksFrom = blocksFrom;
        this.skip = skip;
        this.chunkCap = chunkCap;
        this.arch = arch;
        this.planner = planner;
        this.layer = layer;
        this.ctx = ctx;
        this.order = order;
        this.precision = arch.precision(layer);
        // the array skips pruned weights of its N:M pattern: it holds and multiplies only the kept ones
        this.kept = arch.skipsPrunedWeights(layer) ? arch.sparsity().structured()
                : arch.zeroSkipsWeights(layer) ? busiestShare(arch, layer, precision.density(Tensor.WEIGHT)) : null;
        this.rate = arch.compute(layer).runsAs().macsPerCycle();
    }

    /**
     * Zero skipping as a kept share of K: the columns of a fold each skip their own zeros and wait for the busiest,
     * so the array runs K' = E[max of C non-zero counts] of every K (C = the columns side by side, at most the
     * layer's outputs). Written as groups of K':K in lowest terms, so a fold's kept weights read the
     * activations of their share of K (every activation of a group, as each column picks its own).
     */
    private static Density busiestShare(SystolicArch arch, Layer layer, Density weights) {
        Gemm g = layer.gemms().get(0);
        if (g.k() > Integer.MAX_VALUE) {
            return null; // past what the imbalance sum takes: run dense
        }
        int columns = (int) Math.min(arch.cols(), g.n());
        long busiest = LoadImbalance.busiest(g.k(), weights, columns);
        long n = Math.max(1, busiest);
        long gcd = java.math.BigInteger.valueOf(n).gcd(java.math.BigInteger.valueOf(g.k())).longValue();
        return Density.structured((int) (n / gcd), (int) (g.k() / gcd));
    }

    long dramBytes() {
        return traffic.dramBytes();
    }

    long cutChunk() {
        return cutChunk;
    }

    /**
     * What the attempt costs, as the planner compares attempts: the longer of its compute and its DRAM traffic at
     * the link's bandwidth (a bound the engine's time is close to when loads overlap compute).
     */
    double costCycles() {
        return Math.max(group.cycles(), dramCycles());
    }

    /**
     * Whether a shorter stream chunk could make this attempt cheaper: its DRAM traffic takes longer than its compute
     * (a shorter chunk never shortens the compute), and some slice was not kept from its load to its last use.
     */
    boolean shorterChunkMayHelp() {
        return dramCycles() > group.cycles() && !traffic.everySliceOnce();
    }

    private double dramCycles() {
        return traffic.dramBytes() / arch.dram().bytesPerCycle(arch.clockMhz());
    }

    boolean orderMatters() {
        return orderMatters;
    }

    /** Plans the attempt whole. */
    void build() {
        build(Double.NaN);
    }

    /** Plans the attempt, abandoning it once its cost is beyond {@code bestCost} (NaN: never). */
    void build(double bestCost) {
        this.bestCost = bestCost;
        long reserved = ctx.keepOutput()
                ? precision.bytesAt(arch.bufferFor(Tensor.OFMAP).name(), Tensor.OFMAP, layer.outputWords()) : 0;
        long[] cap = planner.usableBytes(ctx, reserved);
        boolean shifting = arch.shiftsDuringFolds() && !ctx.scaleSimCompat();
        program = planner.newProgram(cap, shifting);
        traffic = new SliceTraffic(arch, layer, ctx, precision, program, planner.ports(), cap, kept);
        shift = shifting ? new ShiftIn(arch.rows(), program, planner.shiftServer(), planner.shiftQueue()) : null;
        group = new FoldGroup(traffic, shift);
        List<Gemm> gemms = layer.gemms();
        List<FoldGeometry> geos = new java.util.ArrayList<>();
        long folds = 0;
        for (Gemm dense : gemms) {
            Gemm g = kept == null ? dense : new Gemm(dense.m(), Sparse.nonZeros(kept, dense.k()), dense.n(),
                    dense.count(), dense.ifmapChannels(), dense.kernelArea(), dense.ifmapPlaneWords());
            skipped += (dense.k() - g.k()) * dense.m() * dense.n() * dense.count();
            FoldGeometry geo = geometry(g, cap[traffic.pB]);
            geos.add(geo);
            try {
                folds = Math.addExact(folds, Math.multiplyExact(geo.folds(), g.count()));
            } catch (ArithmeticException e) {
                folds = Long.MAX_VALUE; // past any bound: refused below
            }
        }
        blocks = folds > blocksFrom;
        firstGeometry = geos.get(0);
        long instance = 0;
        for (int gi = 0; gi < gemms.size(); gi++) {
            Gemm g = gemms.get(gi);
            FoldGeometry geo = geos.get(gi);
            orderMatters |= geo.rowFolds() > 1 && geo.colFolds() > 1;
            for (int c = 0; c < g.count(); c++, instance++) {
                boolean last = gi == gemms.size() - 1 && c == g.count() - 1;
                // pipelined folds fill and drain the array once, after the layer's last fold
                runGemm(geo, instance, last && shift != null ? geo.fillDrainCycles() : 0);
            }
        }
    }

    private FoldGeometry geometry(Gemm g, long psumCapacity) {
        FoldGeometry whole = new FoldGeometry(arch.dataflow(), g, arch.rows(), arch.cols(), Long.MAX_VALUE, rate);
        long t = whole.size(whole.streamDim());
        long chunk = t;
        if (!ctx.scaleSimCompat() && !SystolicPlanner.stationaryOutput(arch.dataflow()) && whole.rowFolds() > 1) {
            // Partial sums of one fold (chunk x C accumulators) must stay on chip across the row folds,
            // with room to drain the previous block: half the accumulator space.
            long fit = psumCapacity / 2 / precision.bytes(Tensor.PSUM, arch.cols());
            chunk = Math.max(1, Math.min(chunkCap, Math.min(t, fit)));
            if (cutChunk < 0) {
                cutChunk = chunk;
            }
        }
        return new FoldGeometry(arch.dataflow(), g, arch.rows(), arch.cols(), chunk, rate);
    }

    private void runGemm(FoldGeometry geo, long instance, long drain) {
        long rowFolds = geo.rowFolds();
        long colFolds = geo.colFolds();
        long target = groupTarget(geo);
        long size = 1;
        long outer = order == Order.ROWS_OUTER ? rowFolds : colFolds;
        long inner = order == Order.ROWS_OUTER ? colFolds : rowFolds;
        int outerDim = order == Order.ROWS_OUTER ? geo.rowDim() : geo.colDim();
        FoldShift step = blocks && skip ? FoldShift.shortest(geo, outerDim, kept, !ctx.inputOnChip(0)) : null;
        DeadSlices dead = blocks ? new DeadSlices(traffic, geo, outerDim, outer, kept) : null;
        traffic.releaseDead(dead);
        // stream chunks 1 .. chunks - 2 are regular too (full length); each holds its own loop over folds
        FoldShift chunkStep = blocks && skip ? FoldShift.shortest(geo, geo.streamDim(), kept, !ctx.inputOnChip(0)) : null;
        FoldSkip chunks = chunkStep == null ? null : new FoldSkip(program, traffic, group, shift, geo, chunkStep,
                geo.streamDim(), 1, geo.streamChunks() - 1);
        if (blocks && leastPlanned(outer, step, outerDim, inner, geo.streamChunks(), chunkStep, geo.streamDim())
                > MAX_PLANNED - planned) {
            throw tooMany(geo, outer, inner); // known before any fold is planned: a row-major loop of 10^6 columns
        }
        for (long s = 0; s < geo.streamChunks(); s++) {
            if (chunks != null) {
                s += chunks.before(s, size);
            }
            // iterations 1 .. outer - 2 are regular: full-length folds, neither the first nor the last of a reduction
            FoldSkip skipper = step == null ? null
                    : new FoldSkip(program, traffic, group, shift, geo, step, outerDim, 1, outer - 1);
            for (long a = 0; a < outer; a++) {
                if (skipper != null) {
                    a += skipper.before(a, size);
                }
                for (long b = 0; b < inner; b++) {
                    long r = order == Order.ROWS_OUTER ? a : b;
                    long c = order == Order.ROWS_OUTER ? b : a;
                    if (++planned > MAX_PLANNED && blocks) {
                        throw tooMany(geo, outer, inner);
                    }
                    if (!blocks && SystolicPlanner.beyond(costCycles(), bestCost)) {
                        throw new Abandoned(); // costs only grow: no later fold brings it back
                    }
                    if (!group.add(geo, instance, r, c, s)) {
                        group.flush(0);
                        group.add(geo, instance, r, c, s);
                    }
                    boolean lastFold = s == geo.streamChunks() - 1 && a == outer - 1 && b == inner - 1;
                    if (group.size >= size && !lastFold) {
                        group.flush(0);
                        size = Math.min(target, size * 2);
                    }
                }
                if (blocks && !(s == geo.streamChunks() - 1 && a == outer - 1)) {
                    group.flush(0); // a block is whole iterations of the outer loop
                    dead.release(instance, s, a);
                }
            }
        }
        group.flush(drain);
        if (dead != null) {
            // no later GEMM instance reads this one's slices: left in place, they would sit in the next instance's
            // state, which then never repeats
            dead.release(instance, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    /**
     * The fewest folds planned for one GEMM instance: every iteration of a loop, or where its blocks may repeat,
     * those up to the earliest boundary at which {@link FoldSkip} can skip (the fourth, past iteration 0); the fold
     * loop ({@code outer} x {@code inner}) inside each planned stream chunk. Saturates at Long.MAX_VALUE.
     */
    private static long leastPlanned(long outer, FoldShift step, int outerDim, long inner, long chunks,
                                     FoldShift chunkStep, int streamDim) {
        long a = step == null ? outer : Math.min(outer, 1 + 3 * step.fold()[outerDim]);
        long s = chunkStep == null ? chunks : Math.min(chunks, 1 + 3 * chunkStep.fold()[streamDim]);
        try {
            return Math.multiplyExact(Math.multiplyExact(a, inner), s);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private TooManyFolds tooMany(FoldGeometry geo, long outer, long inner) {
        return new TooManyFolds(String.format(java.util.Locale.ROOT, "layer '%s': %,d folds of the %dx%d array (GEMM "
                + "%s); planned as repeated blocks, %,d stream chunks of %,d x %,d folds each, it still needs more than "
                + "the %,d folds the planner writes for a layer: use a larger array, or split the layer", layer.name(),
                geo.folds(), arch.rows(), arch.cols(), geo.gemm().m() + "x" + geo.gemm().k() + "x" + geo.gemm().n(),
                geo.streamChunks(), outer, inner, MAX_PLANNED));
    }

    /**
     * How many consecutive folds one compute task may stand for. Up to 512 folds per GEMM every fold is its
     * own task. Beyond that, consecutive folds of the inner loop are grouped so a GEMM has about 256 groups,
     * growing 1, 2, 4... from the start so the first fill is exact, and bounded so the slices a group holds
     * take at most half of each buffer (the next group still prefetches while one computes). A slice that does
     * not depend on the inner loop index (e.g. the partial sums of WS folds along K) counts once per group.
     * Grouping changes only how finely load/compute overlap is resolved, not what moves or the compute cycles.
     */
    private long groupTarget(FoldGeometry geo) {
        long folds = geo.folds();
        if (folds <= 512) {
            return 1;
        }
        long want = (folds + 255) / 256;
        int dim = order == Order.ROWS_OUTER ? geo.colDim() : geo.rowDim();
        // a group longer than the inner loop spans outer iterations, where every slice changes: count all per fold
        // (otherwise a group could take the whole buffer and leave the next group nothing to prefetch into)
        int inner = geo.pieces(dim) < want ? -1 : dim;
        long kc = Math.min(geo.chunk(FoldGeometry.K), geo.size(FoldGeometry.K));
        long mc = Math.min(geo.chunk(FoldGeometry.M), geo.size(FoldGeometry.M));
        long nc = Math.min(geo.chunk(FoldGeometry.N), geo.size(FoldGeometry.N));
        Gemm g = geo.gemm();
        SliceCache[] caches = traffic.caches;
        long[] fixed = new long[caches.length];
        long[] perFold = new long[caches.length];
        if (!ctx.inputOnChip(0)) {
            // a K range may straddle one more channel than its length covers: count it twice
            long bytes = 2 * traffic.bytes(Tensor.IFMAP, g.ifmapFootprintBound(0, kc, mc));
            add(inner < 0 || inner == FoldGeometry.M || inner == FoldGeometry.K ? perFold : fixed, traffic.ifB, bytes);
        }
        add(inner < 0 || inner == FoldGeometry.K || inner == FoldGeometry.N ? perFold : fixed, traffic.wB, traffic.bytes(Tensor.WEIGHT, kc * nc));
        if (!SystolicPlanner.stationaryOutput(arch.dataflow())) {
            add(inner < 0 || inner == FoldGeometry.M || inner == FoldGeometry.N ? perFold : fixed, traffic.pB, traffic.bytes(Tensor.PSUM, mc * nc));
        }
        for (int b = 0; b < caches.length; b++) {
            if (perFold[b] > 0) {
                want = Math.min(want, (caches[b].capacity / 2 - fixed[b]) / perFold[b]);
            }
        }
        return Math.max(1, want);
    }

    private static void add(long[] perBuffer, int buffer, long bytes) {
        perBuffer[buffer] += bytes;
    }

    /** Piece p of n of an amount, spread as evenly as integers allow. */
    static long share(long total, long p, long n) {
        return total / n + (p < total % n ? 1 : 0);
    }

    PlannedLayer result() {
        FoldGeometry geo = firstGeometry;
        Map<String, String> m = SystolicPlanner.mapping(
                "dataflow", arch.dataflow().shortName(),
                "gemm", geo.gemm().m() + "x" + geo.gemm().k() + "x" + geo.gemm().n()
                        + (layer.gemms().get(0).count() > 1 ? " x" + layer.gemms().get(0).count() : ""),
                "row_folds", geo.rowFolds(),
                "col_folds", geo.colFolds(),
                "stream_chunk", geo.streamChunk() >= geo.size(geo.streamDim()) ? "whole" : geo.streamChunk(),
                "folds", group.folds,
                "groups", group.groups,
                "pieces", group.pieces,
                "loop_order", order == Order.ROWS_OUTER ? "rows-outer" : "cols-outer");
        if (shift != null) {
            m.put("tile_shifts", String.valueOf(shift.shifts()));
        }
        if (kept != null && arch.skipsPrunedWeights(layer)) {
            m.put("structured", kept + " (" + skipped + " MACs skipped)");
        } else if (kept != null) {
            m.put("zero_skipping", "the busiest of " + Math.min(arch.cols(), layer.gemms().get(0).n()) + " columns: "
                    + Sparse.nonZeros(kept, layer.gemms().get(0).k()) + " of K = " + layer.gemms().get(0).k() + " ("
                    + skipped + " MACs skipped)");
        }
        return new PlannedLayer(program, SystolicPlanner.SRV_ARRAY, arch.peCount() * rate, m, skipped);
    }
}
