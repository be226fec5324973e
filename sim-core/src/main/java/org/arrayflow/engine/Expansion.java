package org.arrayflow.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A program with runs written out as a flat program, each run cut to at most {@code limit} iterations. With no
 * limit it is the program every result must equal; cut, it is what {@link SteadyState} simulates before it
 * advances each run's remaining iterations in closed form. A run inside another run's body is written out in
 * every kept iteration of the outer one, cut alike, so every kept iteration of a run has the same length.
 *
 * @param program the flat program
 * @param runs    where each run of the original landed in it (a run inside another once per kept outer
 *                iteration), by where they start, and how many of its iterations were kept
 */
record Expansion(TileProgram program, List<Kept> runs) {

    /**
     * A run in the flat program: iteration i's body starts at {@code base + i * length}.
     *
     * @param compact the run's index among the program's runs
     * @param depth   0 for a run in no other run's body, 1 inside one, ...
     */
    record Kept(int base, int length, long count, long kept, int compact, int depth) {
        long extra() {
            return count - kept;
        }

        int end() {
            return base + (int) (kept * length);
        }
    }

    static Expansion of(TileProgram p, long limit) {
        long[] limits = new long[p.repeats.size()];
        Arrays.fill(limits, limit);
        return of(p, limits);
    }

    /** With run r cut to at most {@code limits[r]} iterations. */
    static Expansion of(TileProgram p, long[] limits) {
        Writer w = new Writer(p, limits);
        long size = size(p, limits);
        if (size <= TileProgram.MAX_TASKS && p.n > 0) {
            // entries per task as in the compact program
            w.out.reserve((int) size, new double[] {(double) p.depTask.size / p.n, (double) p.freeOf.size / p.n,
                    (double) p.cntOf.size / p.n});
        }
        w.range(0, p.n, 0, 0);
        w.runs.sort(java.util.Comparator.comparingInt(Kept::base));
        return new Expansion(w.out, List.copyOf(w.runs));
    }

    /** Tasks of the program with run r cut to {@code limits[r]} iterations (past a long: too large to count). */
    static long size(TileProgram p, long[] limits) {
        try {
            return size(p, limits, 0, p.n, 0)[0];
        } catch (ArithmeticException e) {
            throw new ProgramTooLargeException("its task count passes what can be counted (9.2e18)");
        }
    }

    /** {tasks of [from, to) written out, index of the first run after them}. */
    private static long[] size(TileProgram p, long[] limits, int from, int to, int ri) {
        long total = to - from;
        while (ri < p.repeats.size() && p.repeats.get(ri).first() < to) {
            TileProgram.Repeat r = p.repeats.get(ri);
            long[] body = size(p, limits, r.first(), r.first() + r.length(), ri + 1);
            long kept = Math.min(r.count(), limits[ri]);
            total = Math.addExact(total, Math.subtractExact(Math.multiplyExact(kept, body[0]), r.length()));
            ri = (int) body[1];
        }
        return new long[] {total, ri};
    }

    /** Writes compact tasks into the flat program, remembering the latest copy of each. */
    private static final class Writer {
        final TileProgram p;
        final long[] limits;
        final TileProgram out;
        final List<Kept> runs = new ArrayList<>();
        final int[] idOf;
        final int[] deps;
        final int[] depIdx;
        final int[] frees;
        final int[] freeIdx;
        final int[] cnts;
        final int[] cntIdx;
        /** The carried runs being written, innermost last: their body start, length, and previous iteration's ids. */
        final List<int[]> carried = new ArrayList<>();
        final List<int[]> previous = new ArrayList<>();

        Writer(TileProgram p, long[] limits) {
            this.p = p;
            this.limits = limits;
            out = new TileProgram(p.servers, p.queues, p.buffers, p.capacity, p.levels, p.tensors);
            out.labelNames.addAll(p.labelNames);
            idOf = new int[p.n];
            deps = new int[p.n + 1];
            depIdx = bucket(p.depTask, p.n, deps);
            frees = new int[p.n + 1];
            freeIdx = bucket(p.freeOf, p.n, frees);
            cnts = new int[p.n + 1];
            cntIdx = bucket(p.cntOf, p.n, cnts);
        }

        /** Writes compact tasks [from, to) and the runs starting there, from run ri on; returns the run after them. */
        int range(int from, int to, int ri, int depth) {
            int c = from;
            while (ri < p.repeats.size() && p.repeats.get(ri).first() < to) {
                TileProgram.Repeat r = p.repeats.get(ri);
                for (; c < r.first(); c++) {
                    idOf[c] = copy(c);
                }
                long kept = Math.min(r.count(), limits[ri]);
                int base = out.n;
                int next = ri + 1;
                if (r.carried()) {
                    carried.add(new int[] {r.first(), r.length()});
                    previous.add(null);
                }
                for (long i = 0; i < kept; i++) {
                    next = range(r.first(), r.first() + r.length(), ri + 1, depth + 1);
                    if (r.carried()) {
                        // from the second iteration on, a dependency before the body reaches this iteration's copy
                        previous.set(previous.size() - 1, Arrays.copyOfRange(idOf, r.first(), r.first() + r.length()));
                    }
                }
                if (r.carried()) {
                    carried.remove(carried.size() - 1);
                    previous.remove(previous.size() - 1);
                }
                runs.add(new Kept(base, (int) ((out.n - base) / kept), r.count(), kept, ri, depth));
                ri = next;
                c = r.first() + r.length();
            }
            for (; c < to; c++) {
                idOf[c] = copy(c);
            }
            return ri;
        }

        /** Copies compact task {@code c}; its dependencies go to their latest copies, or carried to the previous. */
        private int copy(int c) {
            int t = out.add(p.queue[c], p.server[c], p.amount[c], p.macs[c], p.label[c]);
            for (int i = deps[c]; i < deps[c + 1]; i++) {
                out.dependsOn(t, target(p.depOf.a[depIdx[i]]));
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

        private int target(int on) {
            for (int k = carried.size() - 1; k >= 0; k--) {
                int first = carried.get(k)[0];
                int len = carried.get(k)[1];
                int[] prev = previous.get(k);
                if (prev != null && on >= first - len && on < first) {
                    return prev[on + len - first];
                }
            }
            return idOf[on];
        }
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
