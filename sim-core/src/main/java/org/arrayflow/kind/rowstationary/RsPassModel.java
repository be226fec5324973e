package org.arrayflow.kind.rowstationary;

import org.arrayflow.engine.Access;
import org.arrayflow.tensor.LoadImbalance;
import org.arrayflow.tensor.Sparse;
import org.arrayflow.tensor.Tensor;

/**
 * What each step of the loop nest moves and how long the array is busy: the one place where the
 * row-stationary access counts and cycles are defined. Both the mapping search and the program
 * builder call it, so the cost a mapping is chosen by is the cost the engine then counts.
 *
 * <p>Per pass (es output rows, nb images, ptb filters, qrb channels), with t' = min(t, ceil(ptb/p))
 * filter sets, p' = ceil(ptb/t') filters per PE, r' = min(r, ceil(qrb/q)) channel sets and
 * q' = ceil(qrb/r') channels per PE:
 * <ul>
 * <li>MACs = nb·ptb·qrb·es·F·R·S; every MAC reads the ifmap and filter spads once and reads and writes
 *     its psum spad entry once;</li>
 * <li>ifmap: each word of the nb x qrb x rowsIn x W' block is read once from the GLB and multicast to
 *     every PE that needs it: R·es PEs per set row-diagonal, in each of the t' filter sets
 *     (deliveries = nb·qrb·t'·R·es·W');</li>
 * <li>filters: ptb·qrb·R·S words read from the GLB, each multicast to the es PEs of its set row;</li>
 * <li>psums: O = nb·ptb·es·F outputs; each climbs the R·r' PEs of its column (R·r' - 1 local hops),
 *     is read from the GLB first unless this is the first channel block, and written back (as the
 *     finished ofmap after the last channel block).</li>
 * </ul>
 * A word the network writes into a scratchpad is counted (and charged) once, as a NoC delivery: the
 * ISCA 2016 cost model's array level covers the FIFOs at both ends, and its RF level the accesses made
 * by the MAC (so RF accesses are exactly 4 per MAC, as in that paper's Eq. 3 and 4).
 * Cycles: loading the filter spads takes ceil(filter words / filter-GIN words per cycle) with the array
 * stopped; then each image takes max(p'·q'·S·F MACs of one PE, ifmap GIN, psum GIN, GON transfers).
 *
 * <p>A PE doing r MACs a cycle (the layer's compute mode, {@link RsProblem#rate}) runs r of its p' filters side by
 * side on the one ifmap value it reads (SIMD lanes over the filters it holds): its MAC time per image is
 * ceil(p'/r)·q'·S·F, so r filters per PE are needed to use the lanes, and the mapping search, which costs mappings
 * with this model, prefers them. The ifmap spad is read once per lane group (ceil(p'/r) of every p' MACs); the filter
 * and psum spads are read (and written) once per MAC as before, r words a cycle: their ports are taken to be r words
 * wide (an access still costs its element's bits, so int8 words cost half the int16 ones). The NoC already carries
 * its bits per cycle, so narrower words arrive proportionally faster.
 *
 * <p>Zero skipping ({@link RsProblem#zeroSkip}, as Eyeriss v2's and Cambricon-X's PEs do, on weights): a PE holds only
 * the kept ones among its p'·q'·S filter weights, with their indexes, and for each of the F output columns multiplies
 * those alone, the index picking the ifmap value. The PEs of a pass meet at its end (their partial sums climb the
 * columns together), so an image takes as long as the busiest PE: with weights non-zero at density d independently,
 * a PE's count is Binomial(p'·q'·S, d) and the pass runs busiest = ceil(E[max over its R·e·t'·r' PEs]) of every
 * p'·q'·S ({@link LoadImbalance}). MAC slots performed: that share of the pass's MACs, the rest skipped (performed +
 * skipped = dense, the simulator checks); the three spads are accessed per slot. The DRAM, the GLB and the filter
 * GIN hold and move the kept weights only, each with its index (so a weight read costs its bits plus the index's);
 * the GLB's filter space and the filter spad's entries are still sized for the dense weights (on the safe side).
 *
 * <p>Structured N:M skipping (the architecture's {@code structured} pattern) is the same walk without the
 * imbalance: groups of M run along the input channels at each tap, so every filter keeps N of each M of its q'
 * channels in a PE, every PE holds the same count and the SIMD lanes over filters stay in step (a rate above 1 is
 * allowed); the kept weights carry the pattern's metadata bits instead of an index.
 */
final class RsPassModel {
    /** Where counts go: the engine program (per task) or a running total. */
    interface Sink {
        void add(int level, Tensor t, Access a, long amount);
    }

    final RowStationaryArch a;
    final RsProblem pr;
    final RsMapping mp;
    final RsLevels lv;
    /** Of the per-MAC scratchpad reads of each operand, the share zero gating leaves. */
    private final double filterReadShare;
    private final double ifmapReadShare;

    RsPassModel(RowStationaryArch a, RsProblem pr, RsMapping mp, RsLevels lv) {
        this.a = a;
        this.pr = pr;
        this.mp = mp;
        this.lv = lv;
        // Zero gating on the chip's terms: a PE reads its ifmap first and, on a zero, skips the filter read and
        // the MAC (a gated weight zero, read first, skips the ifmap read in the same way).
        java.util.Set<Tensor> gating = a.sparsity().gating();
        this.filterReadShare = gating.contains(Tensor.IFMAP) ? pr.precision().density(Tensor.IFMAP).fraction() : 1;
        this.ifmapReadShare = gating.contains(Tensor.WEIGHT) && !gating.contains(Tensor.IFMAP)
                ? pr.precision().density(Tensor.WEIGHT).fraction() : 1;
    }

    /**
     * Kept weights of the busiest PE by (weights per PE, density, PEs), shared by every model: the mapping search
     * costs thousands of candidates of the same few pass shapes. Keys are bounded by the spad sizes and the array.
     */
    private record Shape(long weightsPerPe, org.arrayflow.tensor.Density density, int pes) {}

    private static final java.util.Map<Shape, Long> BUSIEST = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Of a pass's MACs, the slots its PEs perform: all of them, or the busiest PE's share where zeros are skipped.
     * A PE holds {@code p1} filters of {@code q1}·S weights each.
     */
    long performed(long macs, long p1, long q1, int pes) {
        if (!pr.zeroSkip()) {
            return macs;
        }
        return Math.min(macs, ceilDiv(macs * busiest(p1, q1, pes), p1 * q1 * pr.s()));
    }

    /**
     * Kept weights of the busiest of {@code pes} PEs. N:M groups run along the input channels at each filter tap
     * (as NVIDIA's ASP prunes convolutions), so every filter keeps {@link #keptPerTap} of its q' channels at each of
     * its S taps in a PE, the same count in every PE: no imbalance.
     */
    private long busiest(long p1, long q1, int pes) {
        org.arrayflow.tensor.Density d = pr.precision().density(Tensor.WEIGHT);
        if (d.structured()) {
            return p1 * pr.s() * keptPerTap(q1);
        }
        return BUSIEST.computeIfAbsent(new Shape(p1 * q1 * pr.s(), d, pes),
                k -> Math.max(1, LoadImbalance.busiest(k.weightsPerPe(), k.density(), k.pes())));
    }

    /**
     * Of a PE's q' channels at one tap, the most an N:M filter keeps: N of each whole group of M and up to N of a
     * part group (a PE holding fewer than M channels may hold all N kept ones of its group), exact when q' is a
     * multiple of M, which the mapping search therefore prefers.
     */
    private long keptPerTap(long q1) {
        return Sparse.nonZeros(pr.precision().density(Tensor.WEIGHT), q1);
    }

    /**
     * MAC cycles of one PE per image: its kept weights once per output column. Unstructured skipping walks them one
     * at a time; N:M weights, the same count in every filter, also fill r SIMD lanes over the filters.
     */
    private long skippingPerImage(long p1, long q1, int pes) {
        if (pr.precision().density(Tensor.WEIGHT).structured()) {
            return ceilDiv(p1, pr.rate()) * pr.s() * keptPerTap(q1) * pr.f();
        }
        return busiest(p1, q1, pes) * pr.f();
    }

    private static long share(long count, double f) {
        return f >= 1 ? count : (long) Math.ceil(count * f - 1e-9);
    }

    /** Elements of a tensor a network of {@code bits} carries per cycle. */
    private int words(int bits, Tensor t) {
        return Math.max(1, bits / pr.precision().bits(t));
    }

    /**
     * DRAM -> GLB ifmap block; returns the bytes crossing the DRAM bus: compressed where the architecture stores
     * ifmaps compressed in DRAM (Eyeriss's run-length code), from the layer's stated ifmap density.
     */
    long ifmapLoad(int es, int nb, int qrb, Sink s) {
        long words = (long) nb * qrb * pr.rowsIn(es) * pr.wUsed();
        s.add(lv.dram, Tensor.IFMAP, Access.READ, words);
        s.add(lv.glbIfmap, Tensor.IFMAP, Access.FILL, words);
        return pr.precision().bytesAt(RsLevels.DRAM, Tensor.IFMAP, words);
    }

    /** DRAM -> GLB filters of one pass; returns the bytes on the bus. */
    long filterLoad(int ptb, int qrb, Sink s) {
        long w = kept((long) ptb * qrb * pr.r() * pr.s());
        s.add(lv.dram, Tensor.WEIGHT, Access.READ, w);
        s.add(lv.glbFilter, Tensor.WEIGHT, Access.FILL, w);
        return pr.precision().bytesAt(RsLevels.DRAM, Tensor.WEIGHT, w);
    }

    /** GLB -> filter spads over the filter GIN; returns the cycles the array waits. */
    long spadLoad(int es, int ptb, int qrb, Sink s) {
        long w = kept((long) ptb * qrb * pr.r() * pr.s());
        s.add(lv.glbFilter, Tensor.WEIGHT, Access.READ, w);
        s.add(lv.noc, Tensor.WEIGHT, Access.READ, w * es);
        if (pr.zeroSkip()) { // each kept weight crosses the filter GIN with its index (or N:M metadata)
            return ceilDiv(w * (pr.precision().bits(Tensor.WEIGHT)
                            + pr.precision().compression(Tensor.WEIGHT).metadataBits()),
                    a.noc().filterBits());
        }
        return ceilDiv(w, words(a.noc().filterBits(), Tensor.WEIGHT));
    }

    /** Filter weights as the levels hold and move them: the kept ones where the PEs skip zeros. */
    private long kept(long weights) {
        return pr.zeroSkip() ? Sparse.nonZeros(pr.precision().density(Tensor.WEIGHT), weights) : weights;
    }

    /** The pass's computation; returns array cycles. */
    long compute(int es, int nb, int ptb, int qrb, boolean first, boolean last, Sink s) {
        int t1 = (int) Math.min(mp.t(), ceilDiv(ptb, mp.p()));
        long p1 = ceilDiv(ptb, t1);
        int r1 = (int) Math.min(mp.r(), ceilDiv(qrb, mp.q()));
        long q1 = ceilDiv(qrb, r1);
        long outputs = (long) nb * ptb * es * pr.f();
        long macs = outputs * qrb * pr.r() * pr.s();
        long ifmapWords = (long) nb * qrb * pr.rowsIn(es) * pr.wUsed();
        long deliveries = (long) nb * qrb * t1 * pr.r() * es * pr.wUsed();

        s.add(lv.glbIfmap, Tensor.IFMAP, Access.READ, ifmapWords);
        s.add(lv.noc, Tensor.IFMAP, Access.READ, deliveries);
        int pes = (int) Math.min(Integer.MAX_VALUE, (long) pr.r() * es * t1 * r1);
        long slots = performed(macs, p1, q1, pes);
        long ifmapSpadReads = pr.rate() == 1 ? slots : ceilDiv(slots * ceilDiv(p1, pr.rate()), p1);
        s.add(lv.spadIfmap, Tensor.IFMAP, Access.READ, share(ifmapSpadReads, ifmapReadShare));
        s.add(lv.spadFilter, Tensor.WEIGHT, Access.READ, share(slots, filterReadShare));
        s.add(lv.spadPsum, Tensor.PSUM, Access.READ, slots);
        s.add(lv.spadPsum, Tensor.PSUM, Access.WRITE, slots);
        if (!first) {
            s.add(lv.glbPsum, Tensor.PSUM, Access.READ, outputs);
        }
        s.add(lv.glbPsum, last ? Tensor.OFMAP : Tensor.PSUM, Access.WRITE, outputs);
        long hops = (long) pr.r() * r1 - 1;
        s.add(lv.noc, Tensor.PSUM, Access.READ, outputs * (hops + (first ? 0 : 1)));
        s.add(lv.noc, Tensor.PSUM, Access.WRITE, outputs);

        long perImage = pr.zeroSkip() ? skippingPerImage(p1, q1, pes)
                : ceilDiv(p1, pr.rate()) * q1 * pr.s() * pr.f();
        long perImageOut = (long) ptb * es * pr.f();
        perImage = Math.max(perImage, ceilDiv((long) qrb * pr.rowsIn(es) * pr.wUsed(), words(a.noc().ifmapBits(), Tensor.IFMAP)));
        perImage = Math.max(perImage, ceilDiv(perImageOut, words(a.noc().outputBits(), Tensor.PSUM)));
        if (!first) {
            perImage = Math.max(perImage, ceilDiv(perImageOut, words(a.noc().psumInBits(), Tensor.PSUM)));
        }
        return nb * perImage;
    }

    /** The pass's dense MACs. */
    long macs(int es, int nb, int ptb, int qrb) {
        return (long) nb * ptb * es * pr.f() * qrb * pr.r() * pr.s();
    }

    /** The pass's MAC slots performed: {@link #macs} less the zero weights skipped. */
    long performedMacs(int es, int nb, int ptb, int qrb) {
        int t1 = (int) Math.min(mp.t(), ceilDiv(ptb, mp.p()));
        long p1 = ceilDiv(ptb, t1);
        int r1 = (int) Math.min(mp.r(), ceilDiv(qrb, mp.q()));
        long q1 = ceilDiv(qrb, r1);
        return performed(macs(es, nb, ptb, qrb), p1, q1, (int) Math.min(Integer.MAX_VALUE,
                (long) pr.r() * es * t1 * r1));
    }

    /** GLB -> DRAM outputs of an m-block; returns the bytes on the bus (compressed as the ifmaps are). */
    long store(int es, int nb, int mb, Sink s) {
        long words = (long) nb * mb * es * pr.f();
        s.add(lv.glbPsum, Tensor.OFMAP, Access.DRAIN, words);
        s.add(lv.dram, Tensor.OFMAP, Access.WRITE, words);
        return pr.precision().bytesAt(RsLevels.DRAM, Tensor.OFMAP, words);
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }
}
