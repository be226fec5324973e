package org.arrayflow.kind.systolic;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.engine.Access;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What moves for one layer's folds: operand slices looked up in each buffer's {@link SliceCache} (a hit
 * costs nothing off chip, a miss is a DRAM load that may evict least recently used slices and spill
 * unfinished partial sums), slices too big to keep streamed through in pieces, and finished outputs sent on
 * to the output buffer and DRAM. Writes the loads and stores into the program and counts DRAM bytes.
 */
final class SliceTraffic {
    /** An operand slice a fold reads: where it lives and how big it is. */
    record Slice(Tensor tensor, int buffer, long key, long words, long bytes) {}

    final SystolicArch arch;
    final Layer layer;
    final LayerContext ctx;
    final TileProgram program;
    /** Which DRAM link and queue each tensor's loads and stores take. */
    private final DramPorts ports;
    final SliceCache[] caches;
    final Precision precision;
    final int ifB;
    final int wB;
    final int pB;
    final int oB;
    final Map<Long, Integer> spills = new HashMap<>();
    final Pins pinned = new Pins();
    /** Keys of the slices, from their identity and back. */
    final SliceKeys keys;
    /**
     * Bodies of runs of folds declared repeated ({@link FoldSkip}) whose frees are still left out, and the last one
     * past that window (frees on it would be a defect: none is left).
     */
    private final List<int[]> dropping = new ArrayList<>();
    private int[] expired = {-1, -1};
    private DeadSlices dead;
    private long dramBytes;
    /** Slices evicted, streamed or spilled so far. */
    private long unkept;
    /** The layer's dense reduction length (K of its GEMM), for mapping kept-weight ranges back. */
    private final long denseK;
    /** Name of the buffer (level) that holds each tensor. */
    private final String[] bufferLevel = new String[Tensor.values().length];

    /** The N:M pattern whose pruned weights the array skips, or null: K ranges are then of kept weights. */
    private final Density kept;

    SliceTraffic(SystolicArch arch, Layer layer, LayerContext ctx, Precision precision, TileProgram program,
                 DramPorts ports, long[] capacity, Density kept) {
        this.kept = kept;
        this.ports = ports;
        this.arch = arch;
        this.layer = layer;
        this.ctx = ctx;
        this.program = program;
        this.precision = precision;
        this.ifB = arch.bufferIndex(arch.bufferFor(Tensor.IFMAP));
        this.wB = arch.bufferIndex(arch.bufferFor(Tensor.WEIGHT));
        this.pB = arch.bufferIndex(arch.bufferFor(Tensor.PSUM));
        this.oB = arch.bufferIndex(arch.bufferFor(Tensor.OFMAP));
        this.denseK = layer.gemms().isEmpty() ? 0 : layer.gemms().get(0).k();
        this.keys = keysFor(layer.gemms());
        for (Tensor t : Tensor.values()) {
            bufferLevel[t.ordinal()] = arch.bufferFor(t).name();
        }
        this.caches = new SliceCache[capacity.length];
        for (int i = 0; i < capacity.length; i++) {
            caches[i] = new SliceCache(i, capacity[i]);
        }
    }

    long dramBytes() {
        return dramBytes;
    }

    /**
     * Whether every slice stayed on chip from its load to its last use (none evicted, streamed or spilled): then
     * each was loaded once, and no other cutting of the folds can move fewer bytes.
     */
    boolean everySliceOnce() {
        return unkept == 0;
    }

    /** Counts a slice that is not kept on chip (a fold's partial sums streamed for want of room). */
    void notKept() {
        unkept++;
    }

    /**
     * Bytes of {@code words} elements of a tensor in its on-chip buffer, at the layer's datatype for it (compressed
     * if the architecture stores it compressed there).
     */
    long bytes(Tensor t, long words) {
        return precision.bytesAt(bufferLevel[t.ordinal()], t, words);
    }

    /** Bytes of {@code words} elements of a tensor moved to or from DRAM (compressed if DRAM holds it so). */
    long dramBytes(Tensor t, long words) {
        return precision.bytesAt("dram", t, words);
    }

    /** A finished output block leaves the PEs or accumulators; unless kept on chip it goes to DRAM. */
    void finishOutput(int compute, long words, boolean fromPsumBuffer) {
        boolean moves = pB != oB;
        if (fromPsumBuffer && moves) {
            program.counts(compute, level(pB), Tensor.PSUM.ordinal(), Access.READ, words);
            program.frees(compute, pB, bytes(Tensor.PSUM, words));
        }
        if (!fromPsumBuffer || moves) {
            program.counts(compute, level(oB), Tensor.OFMAP.ordinal(), Access.WRITE, words);
        }
        if (ctx.keepOutput()) {
            if (fromPsumBuffer && !moves) {
                program.frees(compute, pB, bytes(Tensor.PSUM, words));
            }
            return;
        }
        int st = store(Tensor.OFMAP, oB, words, bytes(Tensor.OFMAP, words), compute, false);
        if (fromPsumBuffer && !moves) {
            program.frees(st, pB, bytes(Tensor.PSUM, words));
        }
    }

    /**
     * Keys sized to the layer: instances number the GEMMs' copies one after another ({@link FoldPlan}), and a fold
     * index along M, K or N, or a channel, is below that dimension of the dense GEMM.
     */
    private static SliceKeys keysFor(List<Gemm> gemms) {
        long instances = 0;
        long i1 = 1;
        long i2 = 1;
        for (Gemm g : gemms) {
            instances += g.count();
            i1 = Math.max(i1, Math.max(g.m(), g.k()));
            i2 = Math.max(i2, Math.max(g.k(), Math.max(g.n(), g.ifmapChannels())));
        }
        return new SliceKeys(instances, i1, i2);
    }

    /**
     * The stored ifmap a fold's K range needs, as cacheable slices. A K range of a convolution touches whole
     * channel planes; a plane that the range covers only in part (K = c·R·S + ...) is shared with the
     * neighbouring K range, so it is its own slice keyed by channel: the neighbour finds it on chip instead
     * of fetching the same stored words again. Planes wholly inside the range form one slice keyed by the range.
     * The M rows [m0, m0 + mLen) take their exact share of each plane ({@link Gemm#ifmapFootprint}).
     */
    List<Slice> ifmapSlices(Gemm g, long instance, long mIdx, long kIdx, long k0, long kLen, long m0, long mLen) {
        if (kept != null) {
            // kept weights [k0, k0 + kLen) multiply the activations of their whole N:M groups, all of which are read
            long d0 = k0 / kept.n() * kept.m();
            long d1 = Math.min(denseK, ceilDiv(k0 + kLen, kept.n()) * kept.m());
            k0 = d0;
            kLen = d1 - d0;
            // folds whose kept ranges start in the same group read the same activations: one slice, not one each
            kIdx = d0 / kept.m();
        }
        if (g.kernelArea() == 1 && g.ifmapPlaneWords() == g.m()) {
            long words = kLen * mLen;
            return List.of(new Slice(Tensor.IFMAP, ifB, keys.key(0, instance, mIdx, kIdx), words, bytes(Tensor.IFMAP, words)));
        }
        long area = g.kernelArea();
        long c0 = k0 / area;
        long c1 = (k0 + kLen - 1) / area;
        long midFirst = c0;
        long midLast = c1;
        List<Slice> out = new ArrayList<>(3);
        if (c0 * area < k0 || (c0 + 1) * area > k0 + kLen) {
            out.add(channelSlice(g, instance, mIdx, c0, m0, mLen));
            midFirst = c0 + 1;
        }
        if (c1 > c0 && (c1 + 1) * area > k0 + kLen) {
            out.add(channelSlice(g, instance, mIdx, c1, m0, mLen));
            midLast = c1 - 1;
        }
        if (midFirst <= midLast) {
            long words = g.ifmapFootprint(midFirst * area, (midLast - midFirst + 1) * area, m0, mLen);
            out.add(new Slice(Tensor.IFMAP, ifB, keys.key(0, instance, mIdx, kIdx), words, bytes(Tensor.IFMAP, words)));
        }
        return out;
    }

    private Slice channelSlice(Gemm g, long instance, long mIdx, long channel, long m0, long mLen) {
        long words = g.ifmapFootprint(channel * g.kernelArea(), g.kernelArea(), m0, mLen);
        return new Slice(Tensor.IFMAP, ifB, keys.key(3, instance, mIdx, channel), words, bytes(Tensor.IFMAP, words));
    }

    long piecesFor(long bytes, int buffer, List<Slice> streamed) {
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
                throw new MappingException("layer '" + layer.name() + "': buffer " + arch.buffers().get(buffer).name()
                        + " is full with this fold's other operands; it cannot stream " + bytes + " bytes");
            }
            half = room;
        }
        return (bytes + half - 1) / half;
    }

    /** Whether a slice would have to be streamed (it is not cached and cannot be made to fit). */
    boolean streams(Slice sl) {
        if (sl == null) {
            return false;
        }
        SliceCache cache = caches[sl.buffer()];
        return cache.peek(sl.key()) == null && (sl.bytes() * 2 > cache.capacity || !cache.fits(sl.bytes()));
    }

    /**
     * Makes a fold's slice available: a hit pins it, a miss loads it (kept if it may take half its buffer) or
     * streams it. Returns the load that brings it on chip (this one's or an earlier one's), or -1 if it streams.
     */
    int acquire(Slice sl, List<Integer> loads, List<Slice> streamed) {
        SliceCache cache = caches[sl.buffer()];
        SliceCache.Entry e = cache.get(sl.key());
        if (e != null) {
            pin(e);
            return e.loadTask;
        }
        // A cached slice may take at most half its buffer, so the next one can be fetched while it is in use;
        // a bigger one is streamed through in pieces and not kept.
        List<SliceCache.Entry> evicted = sl.bytes() * 2 > cache.capacity ? null : cache.makeRoom(sl.bytes());
        if (evicted == null) {
            streamed.add(sl);
            unkept++;
            return -1;
        }
        release(evicted, sl.buffer());
        SliceCache.Entry added = cache.insert(sl.key(), sl.bytes());
        pin(added);
        int id = load(sl.tensor(), sl.buffer(), sl.words(), sl.bytes(), null);
        loads.add(id);
        added.lastUse = id;
        added.loadTask = id;
        return id;
    }

    /** Frees evicted slices once their last user is done; unfinished partial sums are spilled to DRAM first. */
    void release(List<SliceCache.Entry> evicted, int buf) {
        unkept += evicted.size();
        for (SliceCache.Entry e : evicted) {
            if (e.dirty) {
                int st = store(Tensor.PSUM, buf, e.words, e.bytes, e.lastUse, true);
                spills.put(e.key, st);
            } else {
                free(e);
            }
        }
    }

    /** Frees a clean slice's space once its last user is done. */
    void free(SliceCache.Entry e) {
        for (int[] body : dropping) {
            if (e.lastUse >= body[0] && e.lastUse < body[1]) {
                return; // the run's copies already free their slices (TileProgram.repeatBlock)
            }
        }
        if (e.lastUse >= expired[0] && e.lastUse < expired[1]) {
            throw new IllegalStateException("layer '" + layer.name() + "': a slice still names a repeated fold");
        }
        program.frees(e.lastUse, e.owner.buffer, e.bytes);
    }

    /** Pins a slice for the folds being planned; where slices no later fold reads are released, notes it. */
    void pin(SliceCache.Entry e) {
        pinned.add(e);
        if (dead != null) {
            dead.touched(e);
        }
    }

    /** Releases slices no later fold reads ({@link DeadSlices}) from now on, or (null) not. */
    void releaseDead(DeadSlices d) {
        dead = d;
    }

    /** A DRAM load of {@code words} elements taking {@code bytes} of the buffer. */
    int load(Tensor t, int buffer, long words, long bytes, Integer after) {
        long moved = dramBytes(t, words);
        int id = program.add(ports.loadQueue(t), ports.link(t), moved, 0, 0);
        program.allocates(id, buffer, bytes);
        if (after != null) {
            program.dependsOn(id, after);
        }
        program.counts(id, 0, t.ordinal(), Access.READ, words);
        program.counts(id, level(buffer), t.ordinal(), Access.FILL, words);
        dramBytes += moved;
        return id;
    }

    /** A DRAM store of {@code words} elements that held {@code bytes} of the buffer. */
    int store(Tensor t, int buffer, long words, long bytes, int after, boolean freeAfter) {
        long moved = dramBytes(t, words);
        int id = program.add(ports.storeQueue(), ports.link(t), moved, 0, 0);
        program.dependsOn(id, after);
        program.counts(id, 0, t.ordinal(), Access.WRITE, words);
        program.counts(id, level(buffer), t.ordinal(), Access.DRAIN, words);
        if (freeAfter) {
            program.frees(id, buffer, bytes);
        }
        dramBytes += moved;
        return id;
    }

    /** Activations the array reads for a kept-weight K range of {@code kLen} (all of their groups' when skipping). */
    long denseKLength(long k0, long kLen) {
        if (kept == null) {
            return kLen;
        }
        return Math.min(denseK, ceilDiv(k0 + kLen, kept.n()) * kept.m()) - k0 / kept.n() * kept.m();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static int level(int buffer) {
        return buffer + 1;
    }

    /** Frees on the tasks [from, to) of a repeated block's body are left out until {@link #keepFreesOn} (see free). */
    int[] leaveOutFreesOn(int from, int to) {
        int[] body = {from, to};
        dropping.add(body);
        return body;
    }

    void keepFreesOn(int[] body) {
        dropping.remove(body);
        expired = body;
    }

    /** DRAM bytes and slices not kept, into f[at], f[at + 1]. */
    void figures(long[] f, int at) {
        f[at] = dramBytes;
        f[at + 1] = unkept;
    }

    /** The cached slices and the spilled partial sums, for {@link FoldSkip}. */
    void describe(PlanState s) {
        for (SliceCache c : caches) {
            c.describe(s);
        }
        // in key order (a hash map's order depends on the keys' values, which move on from boundary to boundary)
        List<long[]> rows = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : spills.entrySet()) {
            long[] f = s.fields(e.getKey());
            rows.add(new long[] {f[0], f[1], f[2], f[3], e.getValue()});
        }
        rows.sort(java.util.Arrays::compare);
        s.add(rows.size());
        for (long[] r : rows) {
            for (int i = 0; i < 4; i++) {
                s.add(r[i]);
            }
            s.task((int) r[4]);
        }
    }

    /** Moves the state on past a run's copies ({@link FoldSkip.Move}); {@code delta} holds the copies' figures. */
    void advance(FoldSkip.Move move, long[] delta) {
        for (SliceCache c : caches) {
            c.advance(move);
        }
        Map<Long, Integer> moved = new HashMap<>();
        for (Map.Entry<Long, Integer> e : spills.entrySet()) {
            moved.put(move.key(e.getKey()), move.task(e.getValue()));
        }
        spills.clear();
        spills.putAll(moved);
        dramBytes = Math.addExact(dramBytes, delta[0]);
        unkept = Math.addExact(unkept, delta[1]);
    }
}
