package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;

/**
 * Chooses a mapping: enumerates e and n (the smallest size per block count), p, q, r (and, for each, the
 * largest t that fits) over their legal ranges (scratchpad, array and GLB
 * capacities respected) and, for each, the largest m (a multiple of p·t, at most M) whose psums fit the
 * GLB, since a larger m only removes ifmap re-fetches. Ranks by energy, or by energy x delay; ties keep
 * the first found in the fixed enumeration order, so the choice is deterministic.
 */
public final class RsMapper {
    private RsMapper() {}

    /** The chosen mapping with its estimate and how many legal mappings were compared. */
    public record Choice(RsMapping mapping, RsEstimate estimate, long candidates) {}

    public static Choice best(RowStationaryArch a, RsProblem pr, RsLevels lv, RowStationaryArch.Objective objective) {
        if (pr.r() > a.rows() || pr.s() > a.ifmapSpad().entries()) {
            throw new MappingException("layer '" + pr.layer() + "': " + new RsMapping(1, 1, 1, 1, 1, 1, 1).violation(pr, a));
        }
        RsMapping best = null;
        RsEstimate bestEst = null;
        double bestScore = Double.POSITIVE_INFINITY;
        long candidates = 0;
        int qMax = Math.min(pr.c(), a.ifmapSpad().entries() / pr.s());
        for (int e : smallestPerBlockCount(pr.e())) {
            RsMapping shape = new RsMapping(1, 1, e, 1, 1, 1, 1);
            int cap = shape.setCapacity(pr.r(), a.rows(), a.cols());
            if (cap == 0) {
                continue;
            }
            for (int n : smallestPerBlockCount(pr.n())) {
                for (int p = 1; p <= Math.min(pr.m(), a.psumSpad().entries()); p++) {
                    for (int q = 1; q <= qMax; q++) {
                        if ((long) p * q * pr.s() > a.filterSpad().entries()) {
                            break;
                        }
                        int rMax = (pr.c() + q - 1) / q;
                        for (int r = 1; r <= Math.min(rMax, cap); r++) {
                            // More sets never cost more here (fewer GLB re-reads of ifmaps and psums, the
                            // same deliveries), so for each r only the largest t that fits is compared.
                            RsMapping mp = null;
                            for (int t = Math.min(cap / r, (pr.m() + p - 1) / p); t >= 1 && mp == null; t--) {
                                mp = largestM(a, pr, e, n, p, q, r, t);
                            }
                            if (mp == null) {
                                continue;
                            }
                            candidates++;
                            RsEstimate est = RsEstimate.of(a, pr, mp, lv);
                            double energy = est.energyPj(a.energy());
                            double score = objective == RowStationaryArch.Objective.EDP ? energy * est.cycles(a) : energy;
                            if (score < bestScore * (1 - 1e-12)) {
                                bestScore = score;
                                best = mp;
                                bestEst = est;
                            }
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new MappingException("layer '" + pr.layer() + "': no row-stationary mapping fits " + a.name()
                    + " (scratchpads " + a.ifmapSpad().entries() + "/" + a.filterSpad().entries() + "/"
                    + a.psumSpad().entries() + " entries, GLB " + a.glb() + ")");
        }
        return new Choice(best, bestEst, candidates);
    }

    /**
     * For each number of blocks k, the smallest block size giving it (ceil(total / k)): block sizes that
     * split a dimension into the same number of blocks cost the same traffic, and the smallest takes the
     * least buffer space, so only these are compared. Increasing order.
     */
    static int[] smallestPerBlockCount(int total) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int k = 1; k <= total; k++) {
            s.add((total + k - 1) / k);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The largest legal m for the other parameters, or null if even m = p·t does not fit. */
    static RsMapping largestM(RowStationaryArch a, RsProblem pr, int e, int n, int p, int q, int r, int t) {
        int pt = p * t;
        int hi = (pr.m() + pt - 1) / pt; // m = k·pt, capped at M
        int lo = 1;
        if (!new RsMapping(pt, n, e, p, q, r, t).fits(pr, a)) {
            return null;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int m = Math.min(pr.m(), mid * pt);
            if (new RsMapping(m, n, e, p, q, r, t).fits(pr, a)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new RsMapping(Math.min(pr.m(), lo * pt), n, e, p, q, r, t);
    }
}
