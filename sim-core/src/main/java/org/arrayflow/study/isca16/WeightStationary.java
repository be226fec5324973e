package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RsProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight stationary (WS): each PE keeps one weight in its RF, plus the ifmap word its ALU reads.
 * ISCA 2016 sec. IV-A: the R x S weights of one filter and channel sit in a set of R x S PEs, each ifmap
 * pixel is broadcast to the set, and the psums are accumulated spatially across the set's PEs; psums of
 * different channels meet in the global buffer. Several sets (different filters) share each broadcast ifmap pixel. The array holds
 * {@code mw} filters x {@code cw} channels x R x S weights at once (mw·cw·R·S <= PEs).
 * <ul>
 * <li>filters: each GLB block reads its filters once from the GLB and delivers each word to one PE; the
 *     weight is then read from the RF by every MAC that uses it (Eq. 3, d = all outputs of the block);</li>
 * <li>ifmaps: per group of mw filters the block's ifmap is read from the GLB once; every MAC receives its
 *     ifmap word over the array and the ALU reads it from the RF once (Eq. 3 with d = 1: abcd = abc);</li>
 * <li>psums (Eq. 4 with d = 1, c = chain length): per output Sc chains; GLB: Sc writes and Sc - 1 reads;
 *     array: C·R·S - Sc hops inside the chains plus Sc transfers to the GLB and Sc - 1 back.</li>
 * </ul>
 * {@link Variant#PAPER} is the paper's WS: chains of R·S PEs, so Sc = C and cw = 1 (a set of another channel
 * would only take PEs from filter sets and cost ifmap reads). {@link Variant#CHANNEL_CHAINED} also chains the
 * cw channels held in the array, as a TPU-style systolic column does (Sc = sum over channel blocks of
 * ceil(cbb / cw)); it is not one of the paper's dataflows and is reported only as a sensitivity.
 */
public final class WeightStationary extends BlockedDataflow {
    public enum Variant {
        PAPER("WS"), CHANNEL_CHAINED("WS-C");

        public final String shortName;

        Variant(String shortName) {
            this.shortName = shortName;
        }
    }

    private final Variant v;

    public WeightStationary(Variant v) {
        this.v = v;
    }

    @Override
    public String name() {
        return v.shortName;
    }

    /** The stationary weight and the ifmap word the ALU reads (two words). */
    @Override
    public long rfWordsPerPe() {
        return 2;
    }

    @Override
    List<int[]> candidates(RsProblem p, int pes) {
        List<int[]> l = new ArrayList<>();
        int rs = p.r() * p.s();
        int cwMax = v == Variant.PAPER ? 1 : p.c();
        // For each cw only the largest mw that fits: more filters per array load never cost more.
        for (int cw = 1; cw <= cwMax && (long) cw * rs <= pes; cw++) {
            int mw = (int) Math.min(p.m(), pes / ((long) cw * rs));
            l.add(new int[] {mw, cw});
        }
        return l;
    }

    @Override
    String describe(int[] q) {
        return "mw=" + q[0] + " cw=" + q[1];
    }

    @Override
    void inner(RsProblem p, Blocking b, int[] q, AccessCounts a) {
        long o = b.outputs(p);
        long macs = b.macs(p);
        long crs = (long) p.c() * p.r() * p.s();
        long filterReads = b.filters(p) * b.kE(p) * b.kN(p);
        a.add(Level.GLB, Operand.FILTER, filterReads);
        a.add(Level.ARRAY, Operand.FILTER, filterReads);
        a.add(Level.RF, Operand.FILTER, macs);
        a.add(Level.GLB, Operand.IFMAP, b.ifmapSweep(p) * Blocking.sumCeil(p.m(), b.mb(), q[0]));
        a.add(Level.ARRAY, Operand.IFMAP, macs);
        a.add(Level.RF, Operand.IFMAP, macs);
        long sc = Blocking.sumCeil(p.c(), b.cb(), q[1]);
        a.add(Level.GLB, Operand.PSUM, o * (2 * sc - 1));
        a.add(Level.ARRAY, Operand.PSUM, o * (crs - sc) + o * sc + o * (sc - 1));
        a.addMacs(macs);
    }
}
