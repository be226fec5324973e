package org.arrayflow.dataflow.systolic;

import org.arrayflow.arch.SystolicArch;
import org.arrayflow.arch.Tensor;
import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt at scheduling a matrix layer's folds in a given loop order, written as an engine program.
 *
 * <p>Per fold, each operand slice (ifmap M x K range, weight K x N range, partial sums M x N range) is
 * looked up in its buffer's {@link SliceCache} (a convolution's ifmap slice is the stored channel planes the
 * K range touches, a plane shared with the neighbouring K range being a slice of its own, see
 * {@code ifmapSlices}): a hit costs nothing off chip, a miss is a DRAM load
 * (evicting least recently used slices, and spilling unfinished partial sums to DRAM), and a slice
 * bigger than half its buffer is streamed through it in pieces and not kept, splitting the fold's compute
 * to match. Array-side
 * SRAM accesses per fold: ifmap M·K and weight K·N words read, outputs M·N written (plus, for WS/IS, the
 * partial sums of earlier row folds read back to accumulate). Finished outputs leave the accumulators
 * for the output buffer and, unless a later layer reads them on chip, DRAM.
 */
final class FoldPlan {
    /** Loop nest over one GEMM: stream chunks outermost, then rows then columns, or columns then rows. */
    enum Order { ROWS_OUTER, COLS_OUTER }

    private static final int STREAMED = -2;

    private final SystolicArch arch;
    private final SystolicPlanner planner;
    private final Layer layer;
    private final LayerContext ctx;
    private final Order order;
    private final int wb;
    private final int pb;
    private final int ifB;
    private final int wB;
    private final int pB;
    private final int oB;
    private TileProgram program;
    private SliceCache[] caches;
    private final Map<Long, Integer> spills = new HashMap<>();
    private final Map<SliceId, Long> wideKeys = new HashMap<>();
    private final Pins pinned = new Pins();
    private long dramBytes;
    private long folds;
    private long pieces;
    private long groupCount;
    private FoldGeometry firstGeometry;
    private boolean orderMatters;

    FoldPlan(SystolicArch arch, SystolicPlanner planner, Layer layer, LayerContext ctx, Order order) {
        this.arch = arch;
        this.planner = planner;
        this.layer = layer;
        this.ctx = ctx;
        this.order = order;
        this.wb = arch.wordBytes();
        this.pb = arch.psumBytes();
        this.ifB = arch.bufferIndex(arch.bufferFor(Tensor.IFMAP));
        this.wB = arch.bufferIndex(arch.bufferFor(Tensor.WEIGHT));
        this.pB = arch.bufferIndex(arch.bufferFor(Tensor.PSUM));
        this.oB = arch.bufferIndex(arch.bufferFor(Tensor.OFMAP));
    }

    long dramBytes() {
        return dramBytes;
    }

    boolean orderMatters() {
        return orderMatters;
    }

    void build() {
        long reserved = ctx.keepOutput() ? layer.outputWords() * wb : 0;
        long[] cap = planner.usableBytes(ctx, reserved);
        program = planner.newProgram(cap);
        caches = new SliceCache[cap.length];
        for (int i = 0; i < cap.length; i++) {
            caches[i] = new SliceCache(i, cap[i]);
        }
        List<Gemm> gemms = layer.gemms();
        for (int gi = 0; gi < gemms.size(); gi++) {
            Gemm g = gemms.get(gi);
            FoldGeometry geo = geometry(g, cap[pB]);
            if (firstGeometry == null) {
                firstGeometry = geo;
            }
            orderMatters |= geo.rowFolds() > 1 && geo.colFolds() > 1;
            for (int c = 0; c < g.count(); c++) {
                runGemm(geo, gi * 65536L + c);
            }
        }
    }

    private FoldGeometry geometry(Gemm g, long psumCapacity) {
        FoldGeometry whole = new FoldGeometry(arch.dataflow(), g, arch.rows(), arch.cols(), Long.MAX_VALUE);
        long t = whole.size(whole.streamDim());
        long chunk = t;
        if (!ctx.scaleSimCompat() && !SystolicPlanner.stationaryOutput(arch.dataflow()) && whole.rowFolds() > 1) {
            // Partial sums of one fold (chunk x C accumulators) must stay on chip across the row folds,
            // with room to drain the previous block: half the accumulator space.
            long fit = psumCapacity / 2 / ((long) arch.cols() * pb);
            chunk = Math.max(1, Math.min(t, fit));
        }
        return new FoldGeometry(arch.dataflow(), g, arch.rows(), arch.cols(), chunk);
    }

    private void runGemm(FoldGeometry geo, long instance) {
        long rowFolds = geo.rowFolds();
        long colFolds = geo.colFolds();
        long target = groupTarget(geo);
        long size = 1;
        for (long s = 0; s < geo.streamChunks(); s++) {
            long outer = order == Order.ROWS_OUTER ? rowFolds : colFolds;
            long inner = order == Order.ROWS_OUTER ? colFolds : rowFolds;
            for (long a = 0; a < outer; a++) {
                for (long b = 0; b < inner; b++) {
                    long r = order == Order.ROWS_OUTER ? a : b;
                    long c = order == Order.ROWS_OUTER ? b : a;
                    if (!group.add(geo, instance, r, c, s)) {
                        group.flush(geo);
                        group.add(geo, instance, r, c, s);
                    }
                    if (group.size >= size) {
                        group.flush(geo);
                        size = Math.min(target, size * 2);
                    }
                }
            }
        }
        group.flush(geo);
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
        int inner = order == Order.ROWS_OUTER ? geo.colDim() : geo.rowDim();
        long kc = Math.min(geo.chunk(FoldGeometry.K), geo.size(FoldGeometry.K));
        long mc = Math.min(geo.chunk(FoldGeometry.M), geo.size(FoldGeometry.M));
        long nc = Math.min(geo.chunk(FoldGeometry.N), geo.size(FoldGeometry.N));
        Gemm g = geo.gemm();
        long[] fixed = new long[caches.length];
        long[] perFold = new long[caches.length];
        if (!ctx.inputOnChip(0)) {
            // a K range may straddle one more channel than its length covers: count it twice
            long bytes = 2 * g.ifmapFootprint(0, kc, mc) * wb;
            add(inner == FoldGeometry.M || inner == FoldGeometry.K ? perFold : fixed, ifB, bytes);
        }
        add(inner == FoldGeometry.K || inner == FoldGeometry.N ? perFold : fixed, wB, kc * nc * wb);
        if (!SystolicPlanner.stationaryOutput(arch.dataflow())) {
            add(inner == FoldGeometry.M || inner == FoldGeometry.N ? perFold : fixed, pB, mc * nc * pb);
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

    /** An operand slice a fold reads: where it lives and how big it is. */
    private record Slice(Tensor tensor, int buffer, long key, long words, long bytes) {}

    /** A finished output block and whether it sits in the partial-sum buffer. */
    private record Finished(long words, boolean fromPsum, long psumKey) {}

    private final FoldGroup group = new FoldGroup();

    /**
     * Consecutive folds planned together: their slices are acquired one by one (each a cache hit, a DRAM
     * load, or streamed), then one compute task (split into pieces if something streams) stands for all of
     * them, with the sum of their cycles, MACs and array-side accesses.
     */
    private final class FoldGroup {
        final List<Integer> loads = new ArrayList<>();
        final List<Slice> streamed = new ArrayList<>();
        final List<Finished> finished = new ArrayList<>();
        int size;
        long psumAlloc;
        long cycles;
        long macs;
        long streamLength = Long.MAX_VALUE;
        long ifReads;
        long wReads;
        long psumWrites;
        long psumReads;
        /** A fold whose partial sums do not fit even alone streams them; such a fold is a group of its own. */
        boolean psumStreamed;
        boolean psumFirstK;
        boolean psumLastK;
        long psumWords;

        boolean add(FoldGeometry geo, long instance, long r, long c, long s) {
            long[] idx = new long[3];
            idx[geo.rowDim()] = r;
            idx[geo.colDim()] = c;
            idx[geo.streamDim()] = s;
            long mLen = geo.length(FoldGeometry.M, idx[FoldGeometry.M]);
            long kLen = geo.length(FoldGeometry.K, idx[FoldGeometry.K]);
            long nLen = geo.length(FoldGeometry.N, idx[FoldGeometry.N]);
            long k0 = idx[FoldGeometry.K] * geo.chunk(FoldGeometry.K);
            boolean firstK = idx[FoldGeometry.K] == 0;
            boolean lastK = idx[FoldGeometry.K] == geo.pieces(FoldGeometry.K) - 1;
            boolean accumulates = !SystolicPlanner.stationaryOutput(arch.dataflow());
            long outWords = mLen * nLen;
            long psumKey = key(2, instance, idx[FoldGeometry.M], idx[FoldGeometry.N]);
            boolean psumHit = accumulates && caches[pB].peek(psumKey) != null;
            boolean psumFits = !accumulates || psumHit || caches[pB].fits(outWords * pb);
            Gemm g = geo.gemm();
            List<Slice> ifmap = ctx.inputOnChip(0) ? List.of()
                    : ifmapSlices(g, instance, idx[FoldGeometry.M], idx[FoldGeometry.K], k0, kLen, mLen);
            Slice weight = null;
            if (!(layer.kind() == LayerKind.MATMUL && ctx.inputOnChip(1))) {
                long words = kLen * nLen;
                weight = new Slice(Tensor.WEIGHT, wB, key(1, instance, idx[FoldGeometry.K], idx[FoldGeometry.N]), words,
                        words * wb);
            }
            // Only folds whose slices all stay cached are grouped; one that streams is a group of its own.
            boolean ifmapStreams = false;
            for (Slice sl : ifmap) {
                ifmapStreams |= streams(sl);
            }
            if (size > 0 && (psumStreamed || !psumFits || !streamed.isEmpty() || ifmapStreams || streams(weight))) {
                return false;
            }
            size++;
            folds++;
            for (Slice sl : ifmap) {
                acquire(sl, loads, streamed);
            }
            if (weight != null) {
                acquire(weight, loads, streamed);
            }
            // Partial sums: WS and IS accumulate across row folds in the psum buffer; OS keeps them in the PEs.
            if (accumulates) {
                SliceCache.Entry psum = caches[pB].get(psumKey);
                if (psum == null) {
                    long bytes = outWords * pb;
                    List<SliceCache.Entry> evicted = caches[pB].makeRoom(bytes);
                    if (evicted == null) {
                        psumStreamed = true;
                        psumFirstK = firstK;
                        psumLastK = lastK;
                        psumWords = outWords;
                    } else {
                        release(evicted, pB);
                        psum = caches[pB].insert(psumKey, bytes);
                        psum.dirty = true;
                        psum.tensor = Tensor.PSUM.ordinal();
                        psum.words = outWords;
                        if (firstK) {
                            psumAlloc += bytes;
                        } else {
                            loads.add(load(Tensor.PSUM, pB, outWords, bytes, spills.remove(psumKey)));
                        }
                    }
                }
                if (psum != null) {
                    pinned.add(psum);
                    if (lastK) {
                        finished.add(new Finished(outWords, true, psumKey));
                    }
                }
                psumWrites += outWords;
                if (!firstK) {
                    psumReads += outWords;
                }
            } else {
                finished.add(new Finished(outWords, false, 0));
            }
            long t = geo.length(geo.streamDim(), s);
            streamLength = Math.min(streamLength, t);
            cycles += geo.foldCycles(t);
            macs += mLen * kLen * nLen;
            ifReads += mLen * kLen;
            wReads += kLen * nLen;
            return true;
        }

        /** Emits the group's compute (in pieces if a slice streams), its accounting and finished outputs. */
        void flush(FoldGeometry geo) {
            if (size == 0) {
                return;
            }
            // Split into pieces so streamed slices fit their buffers, double-buffered where possible.
            long nPieces = 1;
            for (Slice sl : streamed) {
                nPieces = Math.max(nPieces, piecesFor(sl.bytes(), sl.buffer(), streamed));
            }
            if (psumStreamed) {
                nPieces = Math.max(nPieces, piecesFor(psumWords * pb, pB, streamed));
            }
            if (nPieces > streamLength * size) {
                throw new MappingException("layer " + layer.name() + ": buffers too small to stream one row of a fold"
                        + " on a " + arch.rows() + "x" + arch.cols() + " array");
            }
            pieces += nPieces;
            groupCount++;
            int lastCompute = -1;
            for (long p = 0; p < nPieces; p++) {
                List<Integer> pieceLoads = new ArrayList<>();
                for (Slice sl : streamed) {
                    long w = share(sl.words(), p, nPieces);
                    pieceLoads.add(load(sl.tensor(), sl.buffer(), w, w * wb, null));
                }
                long pw = share(psumWords, p, nPieces);
                if (psumStreamed && !psumFirstK) {
                    pieceLoads.add(load(Tensor.PSUM, pB, pw, pw * pb, null));
                }
                int comp = program.add(SystolicPlanner.Q_COMPUTE, SystolicPlanner.SRV_ARRAY, share(cycles, p, nPieces),
                        share(macs, p, nPieces), 0);
                for (int l : loads) {
                    program.dependsOn(comp, l);
                }
                for (int l : pieceLoads) {
                    program.dependsOn(comp, l);
                }
                if (p == 0 && psumAlloc > 0) {
                    program.allocates(comp, pB, psumAlloc);
                }
                for (Slice sl : streamed) {
                    program.frees(comp, sl.buffer(), share(sl.words(), p, nPieces) * wb);
                }
                if (psumStreamed) {
                    if (!psumFirstK) {
                        program.frees(comp, pB, pw * pb);
                    }
                    if (psumLastK) {
                        finishOutput(comp, pw, false);
                    } else {
                        store(Tensor.PSUM, pB, pw, pw * pb, comp, false);
                    }
                }
                lastCompute = comp;
            }
            // Array-side SRAM accesses of the group's folds.
            program.counts(lastCompute, level(ifB), Tensor.IFMAP.ordinal(), Access.READ, ifReads);
            program.counts(lastCompute, level(wB), Tensor.WEIGHT.ordinal(), Access.READ, wReads);
            program.counts(lastCompute, level(pB), Tensor.PSUM.ordinal(), Access.WRITE, psumWrites);
            program.counts(lastCompute, level(pB), Tensor.PSUM.ordinal(), Access.READ, psumReads);
            pinned.lastUse(lastCompute);
            for (Finished f : finished) {
                if (f.fromPsum()) {
                    caches[pB].remove(f.psumKey());
                }
                finishOutput(lastCompute, f.words(), f.fromPsum());
            }
            reset();
        }

        private void reset() {
            pinned.clear();
            loads.clear();
            streamed.clear();
            finished.clear();
            size = 0;
            psumAlloc = 0;
            cycles = 0;
            macs = 0;
            streamLength = Long.MAX_VALUE;
            ifReads = 0;
            wReads = 0;
            psumWrites = 0;
            psumReads = 0;
            psumStreamed = false;
            psumFirstK = false;
            psumLastK = false;
            psumWords = 0;
        }
    }

    /** A finished output block leaves the PEs or accumulators; unless kept on chip it goes to DRAM. */
    private void finishOutput(int compute, long words, boolean fromPsumBuffer) {
        boolean moves = pB != oB;
        if (fromPsumBuffer && moves) {
            program.counts(compute, level(pB), Tensor.PSUM.ordinal(), Access.READ, words);
            program.frees(compute, pB, words * pb);
        }
        if (!fromPsumBuffer || moves) {
            program.counts(compute, level(oB), Tensor.OFMAP.ordinal(), Access.WRITE, words);
        }
        if (ctx.keepOutput()) {
            if (fromPsumBuffer && !moves) {
                program.frees(compute, pB, words * pb);
            }
            return;
        }
        int st = store(Tensor.OFMAP, oB, words, words * wb, compute, false);
        if (fromPsumBuffer && !moves) {
            program.frees(st, pB, words * pb);
        }
    }

    /**
     * The stored ifmap a fold's K range needs, as cacheable slices. A K range of a convolution touches whole
     * channel planes; a plane that the range covers only in part (K = c·R·S + ...) is shared with the
     * neighbouring K range, so it is its own slice keyed by channel: the neighbour finds it on chip instead
     * of fetching the same stored words again. Planes wholly inside the range form one slice keyed by the range.
     */
    private List<Slice> ifmapSlices(Gemm g, long instance, long mIdx, long kIdx, long k0, long kLen, long mLen) {
        if (g.kernelArea() == 1 && g.ifmapPlaneWords() == g.m()) {
            long words = kLen * mLen;
            return List.of(new Slice(Tensor.IFMAP, ifB, key(0, instance, mIdx, kIdx), words, words * wb));
        }
        long area = g.kernelArea();
        long c0 = k0 / area;
        long c1 = (k0 + kLen - 1) / area;
        long midFirst = c0;
        long midLast = c1;
        List<Slice> out = new ArrayList<>(3);
        if (c0 * area < k0 || (c0 + 1) * area > k0 + kLen) {
            out.add(channelSlice(g, instance, mIdx, c0, mLen));
            midFirst = c0 + 1;
        }
        if (c1 > c0 && (c1 + 1) * area > k0 + kLen) {
            out.add(channelSlice(g, instance, mIdx, c1, mLen));
            midLast = c1 - 1;
        }
        if (midFirst <= midLast) {
            long words = g.ifmapFootprint(midFirst * area, (midLast - midFirst + 1) * area, mLen);
            out.add(new Slice(Tensor.IFMAP, ifB, key(0, instance, mIdx, kIdx), words, words * wb));
        }
        return out;
    }

    private Slice channelSlice(Gemm g, long instance, long mIdx, long channel, long mLen) {
        long words = g.ifmapFootprint(channel * g.kernelArea(), g.kernelArea(), mLen);
        return new Slice(Tensor.IFMAP, ifB, key(3, instance, mIdx, channel), words, words * wb);
    }

    private long piecesFor(long bytes, int buffer, List<Slice> streamed) {
        long sharing = 0;
        for (Slice sl : streamed) {
            if (sl.buffer() == buffer) {
                sharing++;
            }
        }
        long room = (caches[buffer].free()) / Math.max(1, sharing);
        long half = room / 2;
        if (half <= 0) {
            if (room <= 0) {
                throw new MappingException("layer " + layer.name() + ": buffer " + arch.buffers().get(buffer).name()
                        + " is full with this fold's other operands; it cannot stream " + bytes + " bytes");
            }
            half = room;
        }
        return (bytes + half - 1) / half;
    }

    /** Whether a slice would have to be streamed (it is not cached and cannot be made to fit). */
    private boolean streams(Slice sl) {
        if (sl == null) {
            return false;
        }
        SliceCache cache = caches[sl.buffer()];
        return cache.peek(sl.key()) == null && (sl.bytes() * 2 > cache.capacity || !cache.fits(sl.bytes()));
    }

    private void acquire(Slice sl, List<Integer> loads, List<Slice> streamed) {
        SliceCache cache = caches[sl.buffer()];
        SliceCache.Entry e = cache.get(sl.key());
        if (e != null) {
            pinned.add(e);
            return;
        }
        // A cached slice may take at most half its buffer, so the next one can be fetched while it is in use;
        // a bigger one is streamed through in pieces and not kept.
        List<SliceCache.Entry> evicted = sl.bytes() * 2 > cache.capacity ? null : cache.makeRoom(sl.bytes());
        if (evicted == null) {
            streamed.add(sl);
            return;
        }
        release(evicted, sl.buffer());
        SliceCache.Entry added = cache.insert(sl.key(), sl.bytes());
        pinned.add(added);
        loads.add(load(sl.tensor(), sl.buffer(), sl.words(), sl.bytes(), null));
        added.lastUse = loads.get(loads.size() - 1);
    }

    /** Frees evicted slices once their last user is done; unfinished partial sums are spilled to DRAM first. */
    private void release(List<SliceCache.Entry> evicted, int buf) {
        for (SliceCache.Entry e : evicted) {
            if (e.dirty) {
                int st = store(Tensor.PSUM, buf, e.words, e.bytes, e.lastUse, true);
                spills.put(e.key, st);
            } else {
                program.frees(e.lastUse, buf, e.bytes);
            }
        }
    }

    private int load(Tensor t, int buffer, long words, long bytes, Integer after) {
        int id = program.add(SystolicPlanner.Q_LOAD, SystolicPlanner.SRV_DRAM, bytes, 0, 0);
        program.allocates(id, buffer, bytes);
        if (after != null) {
            program.dependsOn(id, after);
        }
        program.counts(id, 0, t.ordinal(), Access.READ, words);
        program.counts(id, level(buffer), t.ordinal(), Access.FILL, words);
        dramBytes += bytes;
        return id;
    }

    private int store(Tensor t, int buffer, long words, long bytes, int after, boolean freeAfter) {
        int id = program.add(SystolicPlanner.Q_STORE, SystolicPlanner.SRV_DRAM, bytes, 0, 0);
        program.dependsOn(id, after);
        program.counts(id, 0, t.ordinal(), Access.WRITE, words);
        program.counts(id, level(buffer), t.ordinal(), Access.DRAIN, words);
        if (freeAfter) {
            program.frees(id, buffer, bytes);
        }
        dramBytes += bytes;
        return id;
    }

    private static int level(int buffer) {
        return buffer + 1;
    }

    /** Piece p of n of an amount, spread as evenly as integers allow. */
    static long share(long total, long p, long n) {
        return total / n + (p < total % n ? 1 : 0);
    }

    /** A slice's identity: tag (0 ifmap K range, 1 weight, 2 partial sums, 3 ifmap channel plane), GEMM instance, two indices. */
    private record SliceId(int tag, long instance, long i1, long i2) {}

    /**
     * Slice key: the fields packed into a long when they fit (the common case), otherwise a number drawn
     * from a table, so that two different slices never share a key (a hash could collide and fake a hit).
     */
    private long key(int tag, long instance, long i1, long i2) {
        if (instance < (1L << 26) && i1 < (1L << 17) && i2 < (1L << 17)) {
            return ((long) tag << 62) | (instance << 34) | (i1 << 17) | i2;
        }
        // bit 61 is never set by the packed form (instance < 2^26 leaves bits 60..61 clear)
        return wideKeys.computeIfAbsent(new SliceId(tag, instance, i1, i2), k -> (1L << 61) | wideKeys.size());
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
                "folds", folds,
                "groups", groupCount,
                "pieces", pieces,
                "loop_order", order == Order.ROWS_OUTER ? "rows-outer" : "cols-outer");
        return new PlannedLayer(program, SystolicPlanner.SRV_ARRAY, arch.peCount(), m);
    }
}
