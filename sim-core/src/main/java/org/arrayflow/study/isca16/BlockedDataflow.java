package org.arrayflow.study.isca16;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.kind.rowstationary.RsProblem;

import java.util.List;
import java.util.TreeSet;

/**
 * A dataflow without the row-stationary machinery: a global-buffer {@link Blocking} (DRAM to GLB) plus
 * array parameters (GLB to array to RF) that the subclass defines. The search enumerates the blockings
 * (strip, image and channel block sizes: the smallest size per block count, since sizes with the same
 * count move the same data and the smallest takes the least space; both loop orders; the largest filter
 * block that fits) and, for each, every array candidate; energy = counts x Table IV costs. Counts are
 * computed per group and multiplied by the number of groups.
 */
abstract class BlockedDataflow implements ComparedDataflow {
    /** Array parameters allowed for this layer on {@code pes} PEs (each an int[] the subclass reads). */
    abstract List<int[]> candidates(RsProblem p, int pes);

    abstract String describe(int[] params);

    /** GLB, array and RF accesses and MACs of the whole layer (one group) under the blocking. */
    abstract void inner(RsProblem p, Blocking b, int[] params, AccessCounts into);

    @Override
    public Evaluation best(RsProblem p, int pes, long glbWords) {
        List<int[]> cands = candidates(p, pes);
        if (cands.isEmpty()) {
            throw new MappingException("layer '" + p.layer() + "': " + name() + " cannot map a " + p.r() + "x" + p.s()
                    + " filter on " + pes + " PEs");
        }
        NormalizedCosts k = NormalizedCosts.ISCA16;
        AccessCounts outer = new AccessCounts();
        AccessCounts in = new AccessCounts();
        double bestE = Double.POSITIVE_INFINITY;
        Blocking bestB = null;
        int[] bestP = null;
        long n = 0;
        for (Blocking.Order order : Blocking.Order.values()) {
            for (int eb : smallestPerBlockCount(p.e())) {
                for (int nb : smallestPerBlockCount(p.n())) {
                    for (int cb : smallestPerBlockCount(p.c())) {
                        Blocking b = largestFilterBlock(p, eb, nb, cb, order, glbWords);
                        if (b == null) {
                            continue;
                        }
                        outer.reset();
                        b.outer(p, outer);
                        double eo = outer.totalEnergy(k);
                        if (eo >= bestE) {
                            continue;
                        }
                        for (int[] c : cands) {
                            in.reset();
                            inner(p, b, c, in);
                            n++;
                            double e = eo + in.totalEnergy(k);
                            if (e < bestE * (1 - 1e-12)) {
                                bestE = e;
                                bestB = b;
                                bestP = c;
                            }
                        }
                    }
                }
            }
        }
        if (bestB == null) {
            throw new MappingException("layer '" + p.layer() + "': no " + name() + " blocking fits a global buffer of "
                    + glbWords + " words");
        }
        AccessCounts total = new AccessCounts();
        bestB.outer(p, total);
        inner(p, bestB, bestP, total);
        return new Evaluation(name(), bestB + ", " + describe(bestP), total.times(p.groups()), n);
    }

    /** The largest filter block (the smallest size for its block count) that fits, or null. */
    static Blocking largestFilterBlock(RsProblem p, int eb, int nb, int cb, Blocking.Order o, long glbWords) {
        if (new Blocking(eb, nb, 1, cb, o).glbWords(p) > glbWords) {
            return null;
        }
        int lo = 1;
        int hi = p.m();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (new Blocking(eb, nb, mid, cb, o).glbWords(p) <= glbWords) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int k = (p.m() + lo - 1) / lo;
        return new Blocking(eb, nb, (p.m() + k - 1) / k, cb, o);
    }

    static int[] smallestPerBlockCount(int total) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int k = 1; k <= total; k++) {
            s.add((total + k - 1) / k);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }
}
