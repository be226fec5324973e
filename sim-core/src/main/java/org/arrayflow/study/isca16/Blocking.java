package org.arrayflow.study.isca16;

import org.arrayflow.kind.rowstationary.RsProblem;

/**
 * How a layer (one group) is cut into global-buffer blocks for the dataflows other than RS: strips of
 * {@code eb} output rows, {@code nb} images, {@code mb} filters, {@code cb} channels. The channel loop is
 * innermost, so partial sums stay in the global buffer until finished (DRAM sees each output once, a = 1
 * in Eq. 4). {@link Order} says which of ifmaps and filters the outer loops keep:
 * <ul>
 * <li>{@code IFMAP_OUTER}: strips and images outside filters. Ifmaps are fetched once if a block holds all
 *     channels (they stay while the filter blocks pass), else once per filter block; filters are fetched
 *     once per (strip, image block) unless one block holds all of them.</li>
 * <li>{@code FILTER_OUTER}: filter blocks outside strips and images. Filters are fetched once if a block
 *     holds all channels, else once per (strip, image block); ifmaps once per filter block unless one
 *     (strip, image) block holds all of them.</li>
 * </ul>
 * Ragged last blocks are exact: every count is a sum over the actual block sizes.
 */
public record Blocking(int eb, int nb, int mb, int cb, Order order) {
    public enum Order { IFMAP_OUTER, FILTER_OUTER }

    static long blocks(long total, long b) {
        return (total + b - 1) / b;
    }

    static long ceilDiv(long x, long y) {
        return (x + y - 1) / y;
    }

    /** Sum over the blocks of size b (the last ragged) that cut {@code total}, of ceil(block / w). */
    static long sumCeil(long total, long b, long w) {
        long k = blocks(total, b);
        long last = total - (k - 1) * b;
        return (k - 1) * ceilDiv(b, w) + ceilDiv(last, w);
    }

    long kE(RsProblem p) {
        return blocks(p.e(), eb);
    }

    long kN(RsProblem p) {
        return blocks(p.n(), nb);
    }

    long kM(RsProblem p) {
        return blocks(p.m(), mb);
    }

    long kC(RsProblem p) {
        return blocks(p.c(), cb);
    }

    /** Ifmap rows read over all strips (halos of adjacent strips counted in each). */
    long sumRowsIn(RsProblem p) {
        long s = 0;
        for (int e0 = 0; e0 < p.e(); e0 += eb) {
            s += p.rowsIn(Math.min(eb, p.e() - e0));
        }
        return s;
    }

    /** Ifmap words of one sweep over all (strip, image, channel) blocks. */
    long ifmapSweep(RsProblem p) {
        return (long) p.n() * p.c() * sumRowsIn(p) * p.wUsed();
    }

    long outputs(RsProblem p) {
        return (long) p.n() * p.m() * p.e() * p.f();
    }

    long filters(RsProblem p) {
        return (long) p.m() * p.c() * p.r() * p.s();
    }

    long macs(RsProblem p) {
        return outputs(p) * p.c() * p.r() * p.s();
    }

    /** Words the global buffer holds at once: an ifmap block, a filter block and a psum block. */
    long glbWords(RsProblem p) {
        return (long) nb * cb * p.rowsIn(eb) * p.wUsed() + (long) mb * cb * p.r() * p.s() + (long) nb * mb * eb * p.f();
    }

    /**
     * DRAM and GLB traffic between them: ifmap and filter fetches (a DRAM read and a GLB fill each), the
     * finished outputs (a GLB drain and a DRAM write each).
     */
    void outer(RsProblem p, AccessCounts into) {
        long ifmapFetches;
        long filterFetches;
        boolean allChannels = kC(p) == 1;
        if (order == Order.IFMAP_OUTER) {
            ifmapFetches = allChannels ? 1 : kM(p);
            filterFetches = allChannels && kM(p) == 1 ? 1 : kE(p) * kN(p);
        } else {
            filterFetches = allChannels ? 1 : kE(p) * kN(p);
            ifmapFetches = allChannels && kE(p) * kN(p) == 1 ? 1 : kM(p);
        }
        long ifm = ifmapSweep(p) * ifmapFetches;
        long flt = filters(p) * filterFetches;
        into.add(Level.DRAM, Operand.IFMAP, ifm);
        into.add(Level.GLB, Operand.IFMAP, ifm);
        into.add(Level.DRAM, Operand.FILTER, flt);
        into.add(Level.GLB, Operand.FILTER, flt);
        into.add(Level.GLB, Operand.PSUM, outputs(p));
        into.add(Level.DRAM, Operand.PSUM, outputs(p));
    }

    @Override
    public String toString() {
        return "eb=" + eb + " nb=" + nb + " mb=" + mb + " cb=" + cb + " " + order.name().toLowerCase(java.util.Locale.ROOT);
    }
}
