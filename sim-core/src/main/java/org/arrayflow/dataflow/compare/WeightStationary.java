package org.arrayflow.dataflow.compare;

import org.arrayflow.dataflow.rowstationary.RsProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight stationary (WS): each PE keeps one weight in its RF (one 16-bit word); the array holds the weights
 * of {@code mw} filters x {@code cw} channels x R x S at once (mw·cw·R·S <= PEs). Ifmaps are read from the
 * GLB and multicast to the PEs holding the weights they meet; psums flow through the cw·R·S PEs of a
 * filter's weights (systolic chain) and go to the GLB after each chain, to be read back for the next.
 * <ul>
 * <li>filters: each GLB block reads its filters once from the GLB and delivers each word to one PE; the
 *     weight is then read from the RF by every MAC that uses it (d = all outputs of the block);</li>
 * <li>ifmaps: per group of mw filters the block's ifmap is read from the GLB once; every MAC receives its
 *     ifmap word over the array (no ifmap RF);</li>
 * <li>psums (Eq. 4 with d = 1, c = chain length): per output Sc = sum over channel blocks of
 *     ceil(cbb / cw) chains; GLB: Sc writes and Sc - 1 reads; array: C·R·S - Sc hops inside the chains plus
 *     Sc transfers to the GLB and Sc - 1 back.</li>
 * </ul>
 */
public final class WeightStationary extends BlockedDataflow {
    @Override
    public String name() {
        return "WS";
    }

    @Override
    public long rfBytesPerPe() {
        return 2;
    }

    @Override
    List<int[]> candidates(RsProblem p, int pes) {
        List<int[]> l = new ArrayList<>();
        int rs = p.r() * p.s();
        // For each cw only the largest mw that fits: more filters per array load never cost more.
        for (int cw = 1; cw <= p.c() && (long) cw * rs <= pes; cw++) {
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
        long sc = Blocking.sumCeil(p.c(), b.cb(), q[1]);
        a.add(Level.GLB, Operand.PSUM, o * (2 * sc - 1));
        a.add(Level.ARRAY, Operand.PSUM, o * (crs - sc) + o * sc + o * (sc - 1));
        a.addMacs(macs);
    }
}
