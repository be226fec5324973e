package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;

import java.util.List;

/**
 * Network-level figures derived from a result, in SI units, computed in one place so the terminal table,
 * the CSVs, the charts and the HTML agree.
 *
 * @param energyModelled false when the inputs have no energy figures: energyJ, edpJs and pjPerMac are then
 *                       meaningless and are not shown
 */
public record RunMetrics(long macs, long totalCycles, long computeCycles, long stallCycles, double utilization,
                         double latencyS, double energyJ, double edpJs, long dramBytes, double pjPerMac,
                         double gmacsPerS, boolean energyModelled) {

    /** Name of the off-chip level in results of every kind. */
    public static final String DRAM = "dram";

    public static RunMetrics of(NetworkResult r) {
        double s = r.seconds();
        double e = r.energyPj() * 1e-12;
        long macs = r.macs();
        return new RunMetrics(macs, r.totalCycles(), r.computeCycles(), r.stallCycles(), r.utilization(), s, e, e * s,
                dramBytes(r), macs == 0 ? 0 : r.energyPj() / macs, s == 0 ? 0 : macs / s / 1e9, r.energyModelled());
    }

    /** Off-chip bytes of a whole run: the level named dram, else the first level (DRAM is listed first). */
    public static long dramBytes(NetworkResult r) {
        return r.bytes(dramLevel(r));
    }

    public static long dramBytes(NetworkResult r, LayerResult l) {
        return l.bytes(dramLevel(r));
    }

    static String dramLevel(NetworkResult r) {
        List<String> levels = r.levels();
        if (levels.contains(DRAM) || levels.isEmpty()) {
            return DRAM;
        }
        return levels.get(0);
    }
}
