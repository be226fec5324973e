package org.arrayflow.engine;

import java.util.function.Predicate;

/**
 * Identical cores that run the same program side by side, in lockstep, on a link they share: every transfer one
 * core issues is issued by all of them at the same moment, and on a fair link n transfers of b bytes finish
 * together at n·b / bandwidth. So one core's program, with each shared-link transfer carrying the bytes of every
 * core that issues it, times the whole group exactly; the cores' private servers are unchanged. {@link #load}
 * rewrites the transfer sizes of such a program in place (its runs of identical iterations stay runs: the body's
 * tasks are scaled once), before it runs; the counters, what each core moved, are left as they were.
 */
public final class SharedLinks {
    private SharedLinks() {}

    /**
     * Scales the bytes of every task on a link named by {@code shared} by the load factor of the tensors it moves
     * (by its counters at {@code level}, weighted by their amounts; a transfer counting none there takes
     * {@code otherFactor}). A factor of n: n cores' copies on the link; 1: this core's alone.
     *
     * @param factorByTensor the factor of each tensor index of the program's counters
     */
    public static void load(TileProgram p, Predicate<String> shared, String level, double[] factorByTensor,
                            double otherFactor) {
        boolean[] link = new boolean[p.servers.size()];
        boolean any = false;
        for (int s = 0; s < link.length; s++) {
            Server srv = p.servers.get(s);
            link[s] = srv.kind() == Server.Kind.LINK && shared.test(srv.name());
            any |= link[s];
        }
        int lv = p.levels.indexOf(level);
        if (!any) {
            return;
        }
        double[] weighted = new double[p.n];
        double[] counted = new double[p.n];
        int perLevel = p.tensors * Access.values().length;
        for (int i = 0; i < p.cntOf.size; i++) {
            int task = p.cntOf.a[i];
            int key = p.cntKey.a[i];
            if (lv < 0 || !link[p.server[task]] || key / perLevel != lv) {
                continue;
            }
            int tensor = key % perLevel / Access.values().length;
            weighted[task] += p.cntAmount.a[i] * factorByTensor[tensor];
            counted[task] += p.cntAmount.a[i];
        }
        for (int t = 0; t < p.n; t++) {
            if (link[p.server[t]] && p.amount[t] > 0) {
                double f = counted[t] > 0 ? weighted[t] / counted[t] : otherFactor;
                p.amount[t] = Math.max(1, Math.round(p.amount[t] * f));
            }
        }
    }
}
