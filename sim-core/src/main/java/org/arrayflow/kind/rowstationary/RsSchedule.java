package org.arrayflow.kind.rowstationary;

import java.util.ArrayList;
import java.util.List;

/**
 * The row-stationary loop nest, outermost first: groups, strips of e output rows, blocks of n images,
 * blocks of m filters (their psums stay in the GLB), blocks of q·r channels (their ifmap is loaded into
 * the GLB), and passes of p·t filters; after the last channel block the m-block's outputs are written
 * back. Blocks at the end of a dimension may be smaller (ragged).
 *
 * <p>Walked either block by block (to build a program) or collapsed, visiting each distinct block shape
 * once with its multiplicity (to cost a mapping in the search without enumerating passes). Either way the
 * consecutive identical passes of a filter block are one visit with their count: a program writes them as a run
 * ({@link org.arrayflow.engine.TileProgram#repeat}).
 */
final class RsSchedule {
    private RsSchedule() {}

    interface Visitor {
        void ifmapLoad(int es, int nb, int qrb, long mult);

        void pass(int es, int nb, int ptb, int qrb, boolean first, boolean last, long mult);

        void store(int es, int nb, int mb, long mult);
    }

    /** A run of {@code count} consecutive blocks of the same size; first/last mark the dimension's ends. */
    record Run(int size, long count, boolean first, boolean last) {}

    /** Blocks of {@code size} over {@code total}, as at most three runs (first block, middle, last block). */
    static List<Run> runs(int total, int size) {
        int b = Math.min(size, total);
        long k = (total + (long) b - 1) / b;
        int lastSize = (int) (total - (k - 1) * b);
        List<Run> out = new ArrayList<>(3);
        if (k == 1) {
            out.add(new Run(lastSize, 1, true, true));
            return out;
        }
        out.add(new Run(b, 1, true, false));
        if (k > 2) {
            out.add(new Run(b, k - 2, false, false));
        }
        out.add(new Run(lastSize, 1, false, true));
        return out;
    }

    /** Blocks where the ends need no marking: full blocks as one run, then the ragged one. */
    static List<Run> plainRuns(int total, int size) {
        int b = Math.min(size, total);
        long full = total / b;
        int rest = total - (int) (full * b);
        List<Run> out = new ArrayList<>(2);
        out.add(new Run(b, full, true, rest == 0));
        if (rest > 0) {
            out.add(new Run(rest, 1, false, true));
        }
        return out;
    }

    static void walk(RsProblem pr, RsMapping mp, boolean collapse, Visitor v) {
        if (collapse) {
            visit(pr, mp, v, pr.groups(), true);
        } else {
            for (int g = 0; g < pr.groups(); g++) {
                visit(pr, mp, v, 1, false);
            }
        }
    }

    private static void visit(RsProblem pr, RsMapping mp, Visitor v, long base, boolean collapse) {
        int pt = mp.p() * mp.t();
        int qr = mp.q() * mp.r();
        for (Run strip : plainRuns(pr.e(), mp.e())) {
            for (long is = 0; is < (collapse ? 1 : strip.count()); is++) {
                long ms = base * (collapse ? strip.count() : 1);
                for (Run nblk : plainRuns(pr.n(), mp.n())) {
                    for (long in = 0; in < (collapse ? 1 : nblk.count()); in++) {
                        long mn = ms * (collapse ? nblk.count() : 1);
                        for (Run mblk : plainRuns(pr.m(), mp.m())) {
                            for (long im = 0; im < (collapse ? 1 : mblk.count()); im++) {
                                long mm = mn * (collapse ? mblk.count() : 1);
                                for (Run cblk : runs(pr.c(), qr)) {
                                    for (long ic = 0; ic < (collapse ? 1 : cblk.count()); ic++) {
                                        long mc = mm * (collapse ? cblk.count() : 1);
                                        v.ifmapLoad(strip.size(), nblk.size(), cblk.size(), mc);
                                        for (Run sub : plainRuns(mblk.size(), pt)) {
                                            // identical passes: one visit with their count, in both walks
                                            v.pass(strip.size(), nblk.size(), sub.size(), cblk.size(), cblk.first(),
                                                    cblk.last(), mc * sub.count());
                                        }
                                    }
                                }
                                v.store(strip.size(), nblk.size(), mblk.size(), mm);
                            }
                        }
                    }
                }
            }
        }
    }
}
