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
                est.macs += mult * pm.macs(es, nb, ptb, qrb);
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
