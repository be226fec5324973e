package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive folds planned together: their slices are acquired one by one (each a cache hit, a DRAM
 * load, or streamed), then one compute task (split into pieces if something streams) stands for all of
 * them, with the sum of their cycles, MACs and array-side accesses.
 */
final class FoldGroup {
    /** A finished output block and whether it sits in the partial-sum buffer. */
    private record Finished(long words, boolean fromPsum, long psumKey) {}

    private final SliceTraffic t;
    private final SystolicArch arch;
    private final Layer layer;
    private final LayerContext ctx;
    private final TileProgram program;
    /** Folds, compute pieces and groups planned so far (for the layer's mapping report). */
    long folds;
    long pieces;
    long groups;
    /** Compute cycles of the groups written so far. */
    private long written;

    /** The shift-in of stationary tiles while folds stream, or null where each fold shifts its own in first. */
    private final ShiftIn shift;

    FoldGroup(SliceTraffic t, ShiftIn shift) {
        this.t = t;
        this.arch = t.arch;
        this.layer = t.layer;
        this.ctx = t.ctx;
        this.program = t.program;
        this.shift = shift;
    }

    private final List<Integer> loads = new ArrayList<>();
    /** Loads bringing the group's first stationary tile on chip (its shift-in waits for them). */
    private final List<Integer> tileLoads = new ArrayList<>();
    private final List<SliceTraffic.Slice> streamed = new ArrayList<>();
    private final List<Finished> finished = new ArrayList<>();
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
        long psumKey = t.keys.key(2, instance, idx[FoldGeometry.M], idx[FoldGeometry.N]);
        boolean psumHit = accumulates && t.caches[t.pB].peek(psumKey) != null;
        boolean psumFits = !accumulates || psumHit || t.caches[t.pB].fits(t.bytes(Tensor.PSUM, outWords));
        Gemm g = geo.gemm();
        List<SliceTraffic.Slice> ifmap = ctx.inputOnChip(0) ? List.of()
                : t.ifmapSlices(g, instance, idx[FoldGeometry.M], idx[FoldGeometry.K], k0, kLen,
                        idx[FoldGeometry.M] * geo.chunk(FoldGeometry.M), mLen);
        SliceTraffic.Slice weight = null;
        if (!(layer.kind() == LayerKind.MATMUL && ctx.inputOnChip(1))) {
            long words = arch.movesWholeWeightTiles() ? (long) arch.rows() * arch.cols() : kLen * nLen;
            weight = new SliceTraffic.Slice(Tensor.WEIGHT, t.wB, t.keys.key(1, instance, idx[FoldGeometry.K], idx[FoldGeometry.N]), words,
                    t.bytes(Tensor.WEIGHT, words));
        }
        // Only folds whose slices all stay cached are grouped; one that streams is a group of its own.
        boolean ifmapStreams = false;
        for (SliceTraffic.Slice sl : ifmap) {
            ifmapStreams |= t.streams(sl);
        }
        if (size > 0 && (psumStreamed || !psumFits || !streamed.isEmpty() || ifmapStreams || t.streams(weight))) {
            return false;
        }
        size++;
        folds++;
        boolean inputsStay = arch.dataflow() == SystolicDataflow.INPUT_STATIONARY;
        for (SliceTraffic.Slice sl : ifmap) {
            int load = t.acquire(sl, loads, streamed);
            if (size == 1 && inputsStay) {
                tileLoads.add(load);
            }
        }
        if (weight != null) {
            int load = t.acquire(weight, loads, streamed);
            if (size == 1 && !inputsStay) {
                tileLoads.add(load);
            }
        }
        // Partial sums: WS and IS accumulate across row folds in the psum buffer; OS keeps them in the PEs.
        if (accumulates) {
            SliceCache.Entry psum = t.caches[t.pB].get(psumKey);
            if (psum == null) {
                long bytes = t.bytes(Tensor.PSUM, outWords);
                List<SliceCache.Entry> evicted = t.caches[t.pB].makeRoom(bytes);
                if (evicted == null) {
                    psumStreamed = true;
                    t.notKept();
                    psumFirstK = firstK;
                    psumLastK = lastK;
                    psumWords = outWords;
                } else {
                    t.release(evicted, t.pB);
                    psum = t.caches[t.pB].insert(psumKey, bytes);
                    psum.dirty = true;
                    psum.tensor = Tensor.PSUM.ordinal();
                    psum.words = outWords;
                    if (firstK) {
                        psumAlloc += bytes;
                    } else {
                        loads.add(t.load(Tensor.PSUM, t.pB, outWords, bytes, t.spills.remove(psumKey)));
                    }
                }
            }
            if (psum != null) {
                t.pin(psum);
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
        if (shift != null) {
            shift.add(instance, r, c, geo.streamCycles(t));
        } else {
            cycles += geo.foldCycles(t);
        }
        macs += mLen * kLen * nLen;
        ifReads += mLen * this.t.denseKLength(k0, kLen);
        wReads += weight != null && arch.movesWholeWeightTiles() ? weight.words() : kLen * nLen;
        return true;
    }

    /**
     * Emits the group's compute (in pieces if a slice streams), its accounting and finished outputs; {@code drain}
     * cycles are added at its end (the array's fill and drain, where folds pipeline and pay it once a layer).
     */
    void flush(long drain) {
        if (size == 0) {
            return;
        }
        int shiftTask = ShiftIn.NO_TASK;
        if (shift != null) {
            cycles = shift.groupCycles();
            shiftTask = shift.firstShift(tileLoads);
        }
        cycles += drain;
        written += cycles;
        // Split into pieces so streamed slices fit their buffers, double-buffered where possible.
        long nPieces = 1;
        for (SliceTraffic.Slice sl : streamed) {
            nPieces = Math.max(nPieces, t.piecesFor(sl.bytes(), sl.buffer(), streamed));
        }
        if (psumStreamed) {
            nPieces = Math.max(nPieces, t.piecesFor(t.bytes(Tensor.PSUM, psumWords), t.pB, streamed));
        }
        if (nPieces > streamLength * size) {
            throw new MappingException("layer '" + layer.name() + "': buffers too small to stream one row of a fold"
                    + " on a " + arch.rows() + "x" + arch.cols() + " array");
        }
        pieces += nPieces;
        groups++;
        int lastCompute = -1;
        for (long p = 0; p < nPieces; p++) {
            List<Integer> pieceLoads = new ArrayList<>();
            for (SliceTraffic.Slice sl : streamed) {
                long w = FoldPlan.share(sl.words(), p, nPieces);
                pieceLoads.add(t.load(sl.tensor(), sl.buffer(), w, t.bytes(sl.tensor(), w), null));
            }
            long pw = FoldPlan.share(psumWords, p, nPieces);
            if (psumStreamed && !psumFirstK) {
                pieceLoads.add(t.load(Tensor.PSUM, t.pB, pw, t.bytes(Tensor.PSUM, pw), null));
            }
            int comp = program.add(SystolicPlanner.Q_COMPUTE, SystolicPlanner.SRV_ARRAY, FoldPlan.share(cycles, p, nPieces),
                    FoldPlan.share(macs, p, nPieces), 0);
            for (int l : loads) {
                program.dependsOn(comp, l);
            }
            for (int l : pieceLoads) {
                program.dependsOn(comp, l);
            }
            if (p == 0 && shiftTask != ShiftIn.NO_TASK) {
                program.dependsOn(comp, shiftTask);
            }
            if (p == 0 && psumAlloc > 0) {
                program.allocates(comp, t.pB, psumAlloc);
            }
            for (SliceTraffic.Slice sl : streamed) {
                program.frees(comp, sl.buffer(), t.bytes(sl.tensor(), FoldPlan.share(sl.words(), p, nPieces)));
            }
            if (psumStreamed) {
                if (!psumFirstK) {
                    program.frees(comp, t.pB, t.bytes(Tensor.PSUM, pw));
                }
                if (psumLastK) {
                    t.finishOutput(comp, pw, false);
                } else {
                    t.store(Tensor.PSUM, t.pB, pw, t.bytes(Tensor.PSUM, pw), comp, false);
                }
            }
            lastCompute = comp;
        }
        // Array-side SRAM accesses of the group's folds.
        program.counts(lastCompute, SliceTraffic.level(t.ifB), Tensor.IFMAP.ordinal(), Access.READ, ifReads);
        program.counts(lastCompute, SliceTraffic.level(t.wB), Tensor.WEIGHT.ordinal(), Access.READ, wReads);
        program.counts(lastCompute, SliceTraffic.level(t.pB), Tensor.PSUM.ordinal(), Access.WRITE, psumWrites);
        program.counts(lastCompute, SliceTraffic.level(t.pB), Tensor.PSUM.ordinal(), Access.READ, psumReads);
        t.pinned.lastUse(lastCompute);
        if (shift != null) {
            shift.groupDone(lastCompute);
        }
        for (Finished f : finished) {
            if (f.fromPsum()) {
                t.caches[t.pB].remove(f.psumKey());
            }
            t.finishOutput(lastCompute, f.words(), f.fromPsum());
        }
        reset();
    }

    /** A group being planned is part of the state: {@link FoldSkip} looks only where none is. */
    void describe(PlanState s) {
        s.add(size);
    }

    /** Folds, pieces, groups and compute cycles written, into f[at .. at + 3]. */
    void figures(long[] f, int at) {
        f[at] = folds;
        f[at + 1] = pieces;
        f[at + 2] = groups;
        f[at + 3] = written;
    }

    /** Adds the figures of a run's copies, {@code delta[2 .. 5]}. */
    void advance(long[] delta) {
        folds = Math.addExact(folds, delta[2]);
        pieces = Math.addExact(pieces, delta[3]);
        groups = Math.addExact(groups, delta[4]);
        written = Math.addExact(written, delta[5]);
    }

    /** Compute cycles of every group written. */
    long cycles() {
        return written;
    }

    private void reset() {
        t.pinned.clear();
        loads.clear();
        tileLoads.clear();
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
