package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RsProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * No local reuse (NLR): no RF at all, so the whole storage area is global buffer. The array computes
 * {@code pm} filters x {@code pc} channels of one output pixel per step (pm·pc <= PEs): each ifmap word read
 * from the GLB is multicast to the pm PEs of its channel, each weight is read from the GLB for every MAC
 * (unicast, no reuse), and the pc products of a filter are summed across the array and the psum goes back
 * to the GLB after each step.
 * <ul>
 * <li>filters: GLB reads = array deliveries = MACs;</li>
 * <li>ifmaps: GLB reads = sum over filter blocks of ceil(mbb / pm) x N·E·F·C·R·S; array deliveries = MACs;</li>
 * <li>psums: per output Sc·R·S steps (Sc = sum over channel blocks of ceil(cbb / pc)); GLB 2·steps - 1;
 *     array C·R·S - steps additions across PEs plus steps transfers to the GLB and steps - 1 back.</li>
 * </ul>
 */
public final class NoLocalReuse extends BlockedDataflow {
    @Override
    public String name() {
        return "NLR";
    }

    @Override
    public long rfWordsPerPe() {
        return 0;
    }

    @Override
    List<int[]> candidates(RsProblem p, int pes) {
        List<int[]> l = new ArrayList<>();
        for (int pc = 1; pc <= Math.min(p.c(), pes); pc++) {
            l.add(new int[] {Math.min(p.m(), pes / pc), pc});
        }
        return l;
    }

    @Override
    String describe(int[] q) {
        return "pm=" + q[0] + " pc=" + q[1];
    }

    @Override
    void inner(RsProblem p, Blocking b, int[] q, AccessCounts a) {
        long o = b.outputs(p);
        long macs = b.macs(p);
        long rs = (long) p.r() * p.s();
        long crs = p.c() * rs;
        a.add(Level.GLB, Operand.FILTER, macs);
        a.add(Level.ARRAY, Operand.FILTER, macs);
        a.add(Level.GLB, Operand.IFMAP, (long) p.n() * p.e() * p.f() * crs * Blocking.sumCeil(p.m(), b.mb(), q[0]));
        a.add(Level.ARRAY, Operand.IFMAP, macs);
        long steps = Blocking.sumCeil(p.c(), b.cb(), q[1]) * rs;
        a.add(Level.GLB, Operand.PSUM, o * (2 * steps - 1));
        a.add(Level.ARRAY, Operand.PSUM, o * (crs - steps) + o * steps + o * (steps - 1));
        a.addMacs(macs);
    }
}
