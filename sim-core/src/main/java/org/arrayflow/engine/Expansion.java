package org.arrayflow.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A program with runs written out as a flat program, each run cut to at most {@code limit} iterations. With no
 * limit it is the program every result must equal; cut, it is what {@link SteadyState} simulates before it
 * advances each run's remaining iterations in closed form.
 *
 * @param program the flat program
 * @param runs    where each run of the original landed in it, and how many of its iterations were kept
 */
record Expansion(TileProgram program, List<Kept> runs) {

    /** A run in the flat program: iteration i's body starts at {@code base + i * length}. */
    record Kept(int base, int length, long count, long kept) {
        long extra() {
            return count - kept;
        }

        int end() {
            return base + (int) (kept * length);
        }
    }

    static Expansion of(TileProgram p, long limit) {
        long[] limits = new long[p.repeats.size()];
        java.util.Arrays.fill(limits, limit);
        return of(p, limits);
    }

    /** With run r cut to at most {@code limits[r]} iterations. */
    static Expansion of(TileProgram p, long[] limits) {
        int[] deps = new int[p.n + 1];
        int[] depIdx = bucket(p.depTask, p.n, deps);
        int[] frees = new int[p.n + 1];
        int[] freeIdx = bucket(p.freeOf, p.n, frees);
        int[] cnts = new int[p.n + 1];
        int[] cntIdx = bucket(p.cntOf, p.n, cnts);
        TileProgram out = new TileProgram(p.servers, p.queues, p.buffers, p.capacity, p.levels, p.tensors);
        out.labelNames.addAll(p.labelNames);
        int[] idOf = new int[p.n]; // flat id of each task (of a body task: its last iteration's copy)
        List<Kept> runs = new ArrayList<>();
        int c = 0;
        for (int ri = 0; ri < p.repeats.size(); ri++) {
            TileProgram.Repeat r = p.repeats.get(ri);
            for (; c < r.first(); c++) {
                idOf[c] = copy(p, out, c, idOf, -1, 0, 0, 0, deps, depIdx, frees, freeIdx, cnts, cntIdx);
            }
            long kept = Math.min(r.count(), limits[ri]);
            int base = out.n;
            for (long i = 0; i < kept; i++) {
                int iterationBase = out.n;
                // from the second iteration on, a carried run's dependencies before the body reach the previous copy
                int reach = r.carried() && i > 0 ? r.length() : 0;
                for (int b = r.first(); b < r.first() + r.length(); b++) {
                    idOf[b] = copy(p, out, b, idOf, r.first(), r.length(), reach, iterationBase, deps, depIdx, frees,
                            freeIdx, cnts, cntIdx);
                }
            }
            runs.add(new Kept(base, r.length(), r.count(), kept));
            c = r.first() + r.length();
        }
        for (; c < p.n; c++) {
            idOf[c] = copy(p, out, c, idOf, -1, 0, 0, 0, deps, depIdx, frees, freeIdx, cnts, cntIdx);
        }
        return new Expansion(out, List.copyOf(runs));
    }

    /**
     * Copies compact task {@code c}; a dependency inside the body [first, first + length) stays in its iteration, and
     * one on the {@code reach} tasks before the body goes to the previous iteration's copy.
     */
    private static int copy(TileProgram p, TileProgram out, int c, int[] idOf, int first, int length, int reach,
                            int iterationBase,
                            int[] deps, int[] depIdx, int[] frees, int[] freeIdx, int[] cnts, int[] cntIdx) {
        int t = out.add(p.queue[c], p.server[c], p.amount[c], p.macs[c], p.label[c]);
        for (int i = deps[c]; i < deps[c + 1]; i++) {
            int on = p.depOf.a[depIdx[i]];
            out.dependsOn(t, on >= first - reach && on < first + length ? iterationBase + on - first : idOf[on]);
        }
        if (p.allocBuf[c] >= 0) {
            out.allocates(t, p.allocBuf[c], p.allocBytes[c]);
        }
        for (int i = frees[c]; i < frees[c + 1]; i++) {
            int e = freeIdx[i];
            out.frees(t, p.freeBuf.a[e], p.freeBytes.a[e]);
        }
        for (int i = cnts[c]; i < cnts[c + 1]; i++) {
            int e = cntIdx[i];
            out.cntOf.add(t);
            out.cntKey.add(p.cntKey.a[e]);
            out.cntAmount.add(p.cntAmount.a[e]);
        }
        return t;
    }

    /** Entry indices grouped by owning task, in the order they were added (a stable counting sort). */
    static int[] bucket(TileProgram.IntList owner, int n, int[] startOut) {
        for (int i = 0; i < owner.size; i++) {
            startOut[owner.a[i] + 1]++;
        }
        for (int i = 1; i < startOut.length; i++) {
            startOut[i] += startOut[i - 1];
        }
        int[] idx = new int[owner.size];
        int[] fill = startOut.clone();
        for (int i = 0; i < owner.size; i++) {
            idx[fill[owner.a[i]]++] = i;
        }
        return idx;
    }
}
