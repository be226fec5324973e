package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.MappingException;

/**
 * Chooses a mapping: enumerates e and n (the smallest size per block count), p, q, r and t over their legal
 * ranges (scratchpad, array and GLB capacities respected) and, for each, the largest m (a multiple of p·t, at
 * most M) whose psums fit the GLB, since a larger m only removes ifmap re-fetches. Ranks by the objective:
 * latency (the default: the fewest estimated cycles, then the least energy among the mappings within
 * {@link #LATENCY_TIE} of them), energy, or energy x delay; ties keep the first found in the fixed
 * enumeration order, so the choice is deterministic.
 *
 * <p>Why latency first: an energy model without static power is indifferent to time, so ranking by energy
 * alone idles PEs to save a few per cent of GLB and NoC accesses (AlexNet CONV1 on 88 of 168 PEs, +67 %
 * cycles, for -1 % energy). The chip's own mappings (JSSC 2017 Table III) are the fastest ones: ranked this
 * way the search returns them for CONV1 and CONV2 and equally fast ones for CONV3-5 (docs/row-stationary.md).
 *
 * <p>Capacity only helps: every capacity (scratchpads, GLB partitions, PE rows and columns) is an upper bound
 * in the legality rules, so a larger one keeps every mapping a smaller one allowed, and the search finds the
 * optimum of its space. For the energy objective a t is skipped only where a larger t (fewer passes) leaves no
 * more filter blocks: the energy of (e, n, p, q, r) is a function of the pass count ceil(M / (p·t)) and the
 * filter-block count ceil(M / m), growing in both (docs/row-stationary.md), so that skip loses nothing; the
 * other objectives cost every t. Until #17 the search kept only the largest t for each r, which a larger
 * array or filter GLB could make worse: up to +2.5 % of energy on random layers when the array grew.
 */
public final class RsMapper {
    /**
     * Cycles within this fraction of the fewest count as equally fast for the latency objective, and the least
     * energy among them wins: the estimate is cycle-approximate, and a mapping 0.5 % slower that saves energy
     * is the better one (CONV4: q = 4 and q = 3 take the same cycles; q = 4 moves fewer psums).
     */
    public static final double LATENCY_TIE = 0.005;

    private RsMapper() {}

    /** The chosen mapping with its estimate and how many legal mappings were compared. */
    public record Choice(RsMapping mapping, RsEstimate estimate, long candidates) {}

    public static Choice best(RowStationaryArch a, RsProblem pr, RsLevels lv, RowStationaryArch.Objective objective) {
        if (pr.r() > a.rows() || pr.s() > a.ifmapSpad().entries()) {
            throw new MappingException("layer '" + pr.layer() + "': " + new RsMapping(1, 1, 1, 1, 1, 1, 1).violation(pr, a));
        }
        Ranking rank = new Ranking(a, pr, lv, objective);
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
                            // re-reads, spad loads) and, for energy, is worth comparing only where its own
                            // largest m leaves fewer filter blocks (fewer ifmap loads from DRAM); the other
                            // objectives compare every t, as cycles are not a function of those two counts alone
                            long fewestBlocks = Long.MAX_VALUE;
                            for (int t = Math.min(cap / r, (pr.m() + p - 1) / p); t >= 1; t--) {
                                RsMapping mp = largestM(a, pr, e, n, p, q, r, t);
                                if (mp == null) {
                                    continue;
                                }
                                long blocks = (pr.m() + mp.m() - 1) / mp.m();
                                if (objective == RowStationaryArch.Objective.ENERGY && blocks >= fewestBlocks) {
                                    continue;
                                }
                                fewestBlocks = Math.min(fewestBlocks, blocks);
                                rank.offer(mp);
                            }
                        }
                    }
                }
            }
        }
        RsMapping best = rank.best();
        if (best == null) {
            throw new MappingException("layer '" + pr.layer() + "': no row-stationary mapping fits " + a.name()
                    + " (scratchpads " + a.ifmapSpad().entries() + "/" + a.filterSpad().entries() + "/"
                    + a.psumSpad().entries() + " entries; GLB " + a.glb().stream().map(RowStationaryArch.GlbPartition::describe)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        return new Choice(best, RsEstimate.of(a, pr, best, lv), rank.count);
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

    /**
     * Ranks the legal mappings by the objective. Energy and edp cost each as it is offered and keep the best.
     * Latency needs the fewest cycles before it can pick by energy, so it first collects every mapping with a
     * lower bound on its cycles ({@link RsEstimate#cyclesLowerBound}), then costs them from the lowest bound up
     * and stops where the bound passes the tie band of the fewest cycles found: the mappings left are too slow
     * to be chosen, so the choice is the one costing all of them would make.
     */
    private static final class Ranking {
        private final RowStationaryArch a;
        private final RsProblem pr;
        private final RsLevels lv;
        private final RowStationaryArch.Objective objective;
        private final java.util.List<RsMapping> offered = new java.util.ArrayList<>();
        private RsMapping best;
        private double bestScore = Double.POSITIVE_INFINITY;
        long count;

        Ranking(RowStationaryArch a, RsProblem pr, RsLevels lv, RowStationaryArch.Objective objective) {
            this.a = a;
            this.pr = pr;
            this.lv = lv;
            this.objective = objective;
        }

        void offer(RsMapping mp) {
            if (objective == RowStationaryArch.Objective.LATENCY) {
                offered.add(mp);
                return;
            }
            count++;
            RsEstimate est = RsEstimate.of(a, pr, mp, lv);
            double energy = est.energyPj(a.energy());
            double score = objective == RowStationaryArch.Objective.EDP ? energy * est.cycles(a) : energy;
            if (score < bestScore * (1 - 1e-12)) {
                bestScore = score;
                best = mp;
            }
        }

        /** The chosen mapping, or null if no candidate was legal. */
        RsMapping best() {
            if (objective != RowStationaryArch.Objective.LATENCY) {
                return best;
            }
            Integer[] order = new Integer[offered.size()];
            double[] bound = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                bound[i] = RsEstimate.cyclesLowerBound(a, pr, offered.get(i));
            }
            // stable: equal bounds stay in enumeration order
            java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> bound[i]));
            double fewest = Double.POSITIVE_INFINITY;
            double[] energy = new double[order.length];
            double[] cycles = new double[order.length];
            java.util.Arrays.fill(cycles, Double.POSITIVE_INFINITY); // not costed: out of the band
            for (int i : order) {
                if (bound[i] > fewest * (1 + LATENCY_TIE)) {
                    break;
                }
                RsEstimate est = RsEstimate.of(a, pr, offered.get(i), lv);
                energy[i] = est.energyPj(a.energy());
                cycles[i] = est.cycles(a);
                fewest = Math.min(fewest, cycles[i]);
                count++;
            }
            // in enumeration order, as energy and edp scan: the least energy in the band, the first of equals
            int chosen = -1;
            double least = Double.POSITIVE_INFINITY;
            for (int i = 0; i < order.length; i++) {
                if (cycles[i] <= fewest * (1 + LATENCY_TIE) && energy[i] < least * (1 - 1e-12)) {
                    least = energy[i];
                    chosen = i;
                }
            }
            return chosen < 0 ? null : offered.get(chosen);
        }
    }
}
