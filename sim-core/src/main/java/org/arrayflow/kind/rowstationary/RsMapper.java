package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;

/**
 * Chooses a mapping: enumerates e and n (the smallest size per block count), p, q, r and t over their legal
 * ranges (scratchpad, array and GLB capacities respected) and, for each, the largest m (a multiple of p·t, at
 * most M) whose psums fit the GLB, since a larger m only removes ifmap re-fetches. Ranks by energy, or by
 * energy x delay; ties keep the first found in the fixed enumeration order, so the choice is deterministic.
 *
 * <p>Capacity only helps: every capacity (scratchpads, GLB partitions, PE rows and columns) is an upper bound
 * in the legality rules, so a larger one keeps every mapping a smaller one allowed, and the search finds the
 * optimum of its space. For the energy objective a t is skipped only where a larger t (fewer passes) leaves no
 * more filter blocks: the energy of (e, n, p, q, r) is a function of the pass count ceil(M / (p·t)) and the
 * filter-block count ceil(M / m), growing in both (docs/row-stationary.md), so that skip loses nothing. Until
 * #17 the search kept only the largest t for each r, which a larger array or filter GLB could make worse:
 * up to +2.5 % of energy on random layers when the array grew.
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
                            // t from the largest that fits down: a smaller t costs more passes (GLB ifmap
                            // re-reads, spad loads) and is worth comparing only where its own largest m
                            // leaves fewer filter blocks (fewer ifmap loads from DRAM); with EDP every t is
                            // compared, as cycles are not a function of those two counts alone
                            long fewestBlocks = Long.MAX_VALUE;
                            for (int t = Math.min(cap / r, (pr.m() + p - 1) / p); t >= 1; t--) {
                                RsMapping mp = largestM(a, pr, e, n, p, q, r, t);
                                if (mp == null) {
                                    continue;
                                }
                                long blocks = (pr.m() + mp.m() - 1) / mp.m();
                                if (objective != RowStationaryArch.Objective.EDP && blocks >= fewestBlocks) {
                                    continue;
                                }
                                fewestBlocks = Math.min(fewestBlocks, blocks);
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
