package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RsProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Output stationary (OS): each PE keeps one psum in its RF and accumulates it over all channels of the
 * GLB block and all R x S taps before it leaves. The array computes {@code pm} filters x a
 * {@code te x tf} tile of output pixels (pm·te·tf <= PEs); the paper's three variants fix the shape:
 * <ul>
 * <li>OSA = SOC-MOP: one output channel, many pixels (pm = 1);</li>
 * <li>OSB = MOC-MOP: many channels and many pixels (pm > 1 and te·tf > 1 where the layer allows);</li>
 * <li>OSC = MOC-SOP: many channels, one pixel (te = tf = 1).</li>
 * </ul>
 * Counts (every MAC receives both operands over the array and its ALU reads each from the RF once, Eq. 3
 * with d = 1: abcd = abc; the RF keeps neither beyond that use):
 * <ul>
 * <li>filters: per (image, pixel tile, filter group) each weight of the group is read from the GLB once and
 *     multicast to the tile's PEs: GLB = M·C·R·S x N x T (T = pixel tiles summed over strips);</li>
 * <li>ifmaps: per (image, pixel tile, filter group) the tile's input window ((te-1)U+R) x ((tf-1)U+S) of
 *     each channel is read once and shared by the tile's PEs (neighbour passing) and the group's filters:
 *     GLB = sum over filter blocks of ceil(mbb / pm) x N x C x sum over tiles of the windows;</li>
 * <li>psums: RF read and write per MAC (as in the RS model); per output one trip per channel block
 *     (kC): GLB 2·kC - 1, array 2·kC - 1.</li>
 * </ul>
 */
public final class OutputStationary extends BlockedDataflow {
    public enum Variant {
        SOC_MOP("OSA", "SOC-MOP"), MOC_MOP("OSB", "MOC-MOP"), MOC_SOP("OSC", "MOC-SOP");

        public final String shortName;
        public final String paperName;

        Variant(String shortName, String paperName) {
            this.shortName = shortName;
            this.paperName = paperName;
        }
    }

    private final Variant v;

    public OutputStationary(Variant v) {
        this.v = v;
    }

    @Override
    public String name() {
        return v.shortName;
    }

    /** The stationary psum and the ifmap and filter words the ALU reads (three words). */
    @Override
    public long rfWordsPerPe() {
        return 3;
    }

    @Override
    List<int[]> candidates(RsProblem p, int pes) {
        List<int[]> l = new ArrayList<>();
        switch (v) {
            case SOC_MOP -> {
                for (int te = 1; te <= Math.min(p.e(), pes); te++) {
                    l.add(new int[] {1, te, Math.min(p.f(), pes / te)});
                }
            }
            case MOC_SOP -> {
                for (int pm : smallestPerBlockCount(p.m())) {
                    if (pm <= pes) {
                        l.add(new int[] {pm, 1, 1});
                    }
                }
            }
            case MOC_MOP -> {
                boolean multiPixel = (long) p.e() * p.f() > 1;
                int pmMin = p.m() > 1 ? 2 : 1;
                // Only the smallest pm for each number of filter groups: the same groups with fewer PEs per
                // pixel leave room for more pixels.
                for (int pm : smallestPerBlockCount(p.m())) {
                    if (pm < pmMin || pm > pes) {
                        continue;
                    }
                    for (int te = 1; te <= Math.min(p.e(), pes / pm); te++) {
                        int tf = Math.min(p.f(), pes / (pm * te));
                        if (multiPixel && te * tf < 2) {
                            continue;
                        }
                        l.add(new int[] {pm, te, tf});
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return l;
    }

    @Override
    String describe(int[] q) {
        return "pm=" + q[0] + " te=" + q[1] + " tf=" + q[2];
    }

    /** Sum over the tiles of size t cutting {@code n} outputs of the input span (t - 1)·u + k (capped at in). */
    static long spanSum(long n, int t, int u, int k, long in) {
        long s = 0;
        for (long o = 0; o < n; o += t) {
            long tt = Math.min(t, n - o);
            s += Math.min(in, (tt - 1) * u + k);
        }
        return s;
    }

    @Override
    void inner(RsProblem p, Blocking b, int[] q, AccessCounts a) {
        int pm = q[0];
        int te = q[1];
        int tf = q[2];
        long o = b.outputs(p);
        long macs = b.macs(p);
        long tiles = 0;
        long windows = 0;
        long colSpans = spanSum(p.f(), tf, p.uw(), p.s(), p.w());
        long colTiles = Blocking.blocks(p.f(), tf);
        for (int e0 = 0; e0 < p.e(); e0 += b.eb()) {
            int es = Math.min(b.eb(), p.e() - e0);
            tiles += Blocking.blocks(es, te) * colTiles;
            windows += spanSum(es, te, p.uh(), p.r(), p.h()) * colSpans;
        }
        a.add(Level.GLB, Operand.FILTER, b.filters(p) * p.n() * tiles);
        a.add(Level.ARRAY, Operand.FILTER, macs);
        a.add(Level.RF, Operand.FILTER, macs);
        a.add(Level.GLB, Operand.IFMAP, Blocking.sumCeil(p.m(), b.mb(), pm) * p.n() * p.c() * windows);
        a.add(Level.ARRAY, Operand.IFMAP, macs);
        a.add(Level.RF, Operand.IFMAP, macs);
        long kc = b.kC(p);
        a.add(Level.RF, Operand.PSUM, 2 * macs);
        a.add(Level.GLB, Operand.PSUM, o * (2 * kc - 1));
        a.add(Level.ARRAY, Operand.PSUM, o * (2 * kc - 1));
        a.addMacs(macs);
    }
}
