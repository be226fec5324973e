package org.arrayflow.kind.rowstationary;

import org.arrayflow.engine.Access;
import org.arrayflow.tensor.Tensor;

/**
 * The totals of a mapping, from the collapsed loop nest: access counts per level, tensor and access
 * kind, MACs, array-busy cycles and DRAM bus words. Energy = counts x per-word costs; the latency
 * estimate adds the DRAM transfers that the chip does not overlap (ifmap loads and write-backs) to the
 * array time. The engine decides the real time; this only ranks mappings.
 */
public final class RsEstimate implements RsPassModel.Sink {
    final RsLevels lv;
    final long[] counts;
    long macs;
    long arrayCycles;
    long passes;
    long unoverlappedBusBytes;
    long filterBusBytes;
    /** Multiplicity of the block being visited: every count added is scaled by it. */
    private long mult = 1;

    private RsEstimate(RsLevels lv) {
        this.lv = lv;
        this.counts = new long[lv.names.size() * Tensor.values().length * Access.values().length];
    }

    @Override
    public void add(int level, Tensor t, Access a, long amount) {
        counts[(level * Tensor.values().length + t.ordinal()) * Access.values().length + a.ordinal()] += amount * mult;
    }

    public long count(int level, Tensor t, Access a) {
        return counts[(level * Tensor.values().length + t.ordinal()) * Access.values().length + a.ordinal()];
    }

    /** All accesses of a level. */
    public long levelTotal(int level) {
        long s = 0;
        int per = Tensor.values().length * Access.values().length;
        for (int i = level * per; i < (level + 1) * per; i++) {
            s += counts[i];
        }
        return s;
    }

    public static RsEstimate of(RowStationaryArch a, RsProblem pr, RsMapping mp, RsLevels lv) {
        RsEstimate est = new RsEstimate(lv);
        RsPassModel pm = new RsPassModel(a, pr, mp, lv);
        RsSchedule.walk(pr, mp, true, new RsSchedule.Visitor() {
            @Override
            public void ifmapLoad(int es, int nb, int qrb, long mult) {
                est.mult = mult;
                est.unoverlappedBusBytes += mult * pm.ifmapLoad(es, nb, qrb, est);
            }

            @Override
            public void pass(int es, int nb, int ptb, int qrb, boolean first, boolean last, long mult) {
                est.mult = mult;
                RsPassModel.Sink s = est;
                est.filterBusBytes += mult * pm.filterLoad(ptb, qrb, s);
                est.arrayCycles += mult * pm.spadLoad(es, ptb, qrb, s);
                est.arrayCycles += mult * pm.compute(es, nb, ptb, qrb, first, last, s);
                est.macs += mult * pm.performedMacs(es, nb, ptb, qrb);
                est.passes += mult;
            }

            @Override
            public void store(int es, int nb, int mb, long mult) {
                est.mult = mult;
                est.unoverlappedBusBytes += mult * pm.store(es, nb, mb, est);
            }
        });
        return est;
    }


    public double energyPj(RowStationaryArch.RsEnergy e) {
        double sum = macs * e.macPj();
        for (int l = 0; l < lv.names.size(); l++) {
            sum += levelTotal(l) * lv.costPj(l, e);
        }
        return sum;
    }

    /** Array time plus the DRAM transfers not overlapped with it (filters stream during compute). */
    public double cycles(RowStationaryArch a) {
        double bus = a.dramBytesPerCycle();
        double filterTime = filterBusBytes / bus;
        return arrayCycles + unoverlappedBusBytes / bus + Math.max(0, filterTime - arrayCycles);
    }

    /**
     * A lower bound on {@link #cycles} from counts alone, without walking the schedule (the latency search
     * costs mappings from the lowest bound up and stops once the bound is too slow). The largest of: MACs over
     * the active PEs (no PE does more than one MAC a cycle); every pass's ifmap block through the ifmap GIN
     * (each channel block's rows of every strip, once per pass of p·t filters); every channel block's outputs
     * out through the GON, and all but the first back in through the psum GIN. Ragged blocks only add.
     */
    static double cyclesLowerBound(RowStationaryArch a, RsProblem pr, RsMapping mp) {
        int e = Math.min(mp.e(), pr.e());
        long strips = (pr.e() + e - 1) / e;
        double rows = (strips - 1) * pr.rowsIn(e) + pr.rowsIn(pr.e() - (int) (strips - 1) * e);
        long passes = (pr.m() + (long) mp.p() * mp.t() - 1) / ((long) mp.p() * mp.t());
        long channelBlocks = (pr.c() + (long) mp.q() * mp.r() - 1) / ((long) mp.q() * mp.r());
        double images = (double) pr.groups() * pr.n();
        double ifmap = images * pr.c() * rows * pr.wUsed() * passes / words(a.noc().ifmapBits(), pr, Tensor.IFMAP);
        double outputs = images * pr.m() * pr.e() * pr.f();
        double out = outputs * channelBlocks / words(a.noc().outputBits(), pr, Tensor.PSUM);
        double in = outputs * (channelBlocks - 1) / words(a.noc().psumInBits(), pr, Tensor.PSUM);
        // r MACs a PE a cycle; skipped zeros leave at least the mean share d of them (the busiest PE has no fewer)
        double compute = (double) pr.macs() / mp.activePes(pr.r()) / pr.rate()
                * (pr.zeroSkip() ? pr.precision().density(Tensor.WEIGHT).fraction() : 1);
        return Math.max(Math.max(compute, ifmap), Math.max(out, in));
    }

    private static int words(int bits, RsProblem pr, Tensor t) {
        return Math.max(1, bits / pr.precision().bits(t));
    }

    public long macs() {
        return macs;
    }

    public long arrayCycles() {
        return arrayCycles;
    }

    public long passes() {
        return passes;
    }
}
