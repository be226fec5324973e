package org.arrayflow.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a program with runs of identical iterations ({@link TileProgram#repeat}) without writing them all out.
 *
 * <p>Each run is cut to a few iterations ({@link Expansion}) and the cut program is executed. Just before the
 * first task of each kept iteration begins, the engine's whole state is written down relative to that iteration:
 * pending events and server, channel and buffer state relative to now, queue heads, the next allocation and the
 * unfinished tasks relative to the iteration's first task (tasks outside the run as they are). The engine is
 * deterministic and what it looks at between two such moments is the same shifted by one iteration, so when the
 * states before iterations k and k + 1 are equal every later iteration repeats iteration k's step: the same time
 * passes and the same busy cycles, counts and MACs are added. The skipped iterations' increments are then added
 * in closed form, and the run's tail and what follows it are the cut program's, shifted in time. The state must not
 * touch the last kept iteration (the tail), which guards the shift. A run that shows no such repetition within
 * the cut is tried with a longer cut, then written out whole if it fits the task bound.
 */
final class SteadyState implements Engine.Watcher {
    private static final long[] CUTS = {4, 16, 64, 256};
    /** Cut programs up to this many tasks start at the second cut; larger ones (runs of runs) try the first. */
    private static final long SMALL = 1 << 20;
    /** The longest period looked for, in iterations (a double-buffered pipeline may alternate between two). */
    private static final int PERIODS = 8;

    private final List<Expansion.Kept> runs;
    /** Per run, the states and figures before its last {@link #PERIODS} iterations (by iteration mod PERIODS). */
    private final long[][][] states;
    private final Snapshot[][] figures;
    private final Snapshot[] before;
    private final Snapshot[] step;
    private final int[] period;
    /** Runs by how deep they nest (runs of one depth do not overlap), each list by where they start. */
    private final List<List<Integer>> byDepth = new java.util.ArrayList<>();
    private int lowestOpen;

    /** Accumulated figures at a moment, to take the increments of one period. */
    private record Snapshot(long iteration, long now, long macs, long done, long[] busy, long[] counters) {}

    private SteadyState(List<Expansion.Kept> runs) {
        this.runs = runs;
        states = new long[runs.size()][PERIODS][];
        figures = new Snapshot[runs.size()][PERIODS];
        before = new Snapshot[runs.size()];
        step = new Snapshot[runs.size()];
        period = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            int d = runs.get(i).depth();
            while (byDepth.size() <= d) {
                byDepth.add(new java.util.ArrayList<>());
            }
            byDepth.get(d).add(i);
        }
    }

    static EngineResult run(TileProgram p, boolean trace) {
        long size = p.expandedSize();
        if (trace) {
            // a trace lists every task, so it is the program written out (bounded like any program)
            if (size > TileProgram.MAX_TASKS) {
                throw new ProgramTooLargeException(String.format(java.util.Locale.ROOT, "written out for a trace its "
                        + "program has %,d tasks, more than the %,d a trace records: run it without a trace", size,
                        TileProgram.MAX_TASKS));
            }
            return new Engine.Run(Expansion.of(p, Long.MAX_VALUE).program(), true, null).execute();
        }
        for (long cut : CUTS) {
            long[] limits = new long[p.repeats.size()];
            Arrays.fill(limits, cut);
            if (cut == CUTS[0]) {
                long[] next = new long[limits.length];
                Arrays.fill(next, CUTS[1]);
                if (Expansion.size(p, next) <= SMALL) {
                    continue; // a few iterations more cost little and find a longer warm-up
                }
            }
            // a run whose period does not divide its skipped iterations keeps a few more (at most twice)
            for (int attempt = 0; attempt < 3; attempt++) {
                if (Expansion.size(p, limits) > TileProgram.MAX_TASKS) {
                    break; // runs of runs cut this long would pass the task bound
                }
                Expansion x = Expansion.of(p, limits);
                SteadyState s = new SteadyState(x.runs());
                EngineResult r = new Engine.Run(x.program(), false, s).execute();
                if (s.solved(limits)) {
                    return s.advance(r);
                }
                if (!s.periodic()) {
                    break;
                }
            }
        }
        if (size <= TileProgram.MAX_TASKS) {
            return new Engine.Run(Expansion.of(p, Long.MAX_VALUE).program(), false, null).execute();
        }
        throw new ProgramTooLargeException(String.format(java.util.Locale.ROOT, "its runs of identical iterations "
                + "reach no steady state within %d iterations, and written out its program has %,d tasks, more than "
                + "the %,d the engine runs for one layer", CUTS[CUTS.length - 1], size, TileProgram.MAX_TASKS));
    }

    /** Whether every cut run repeats; a period that does not divide the skipped iterations sets a new cut. */
    private boolean solved(long[] limits) {
        boolean solved = true;
        for (int r = 0; r < runs.size(); r++) {
            Expansion.Kept k = runs.get(r);
            if (k.extra() > 0 && step[r] != null && k.extra() % period[r] != 0) {
                // copies of a run inside another share one limit
                limits[k.compact()] = Math.max(limits[k.compact()], k.kept() + k.extra() % period[r]);
                solved = false;
            }
            solved &= k.extra() == 0 || step[r] != null;
        }
        return solved;
    }

    private boolean periodic() {
        for (int r = 0; r < runs.size(); r++) {
            if (runs.get(r).extra() > 0 && step[r] == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The cut program's result plus, for each run, its skipped periods' increments. A skipped iteration of a run
     * that holds runs also holds their skipped iterations: an outer period adds those of the runs inside it too.
     */
    private EngineResult advance(EngineResult r) {
        for (int i = 0; i < runs.size(); i++) {
            Expansion.Kept k = runs.get(i);
            if (k.extra() == 0) {
                continue;
            }
            long times = k.extra() / period[i];
            r = plusStep(r, i, times);
            long from = k.base() + before[i].iteration() * k.length();
            long to = k.base() + step[i].iteration() * k.length();
            for (int j = 0; j < runs.size(); j++) {
                Expansion.Kept inner = runs.get(j);
                if (inner.depth() > k.depth() && inner.base() >= from && inner.base() < to && inner.extra() > 0) {
                    if (inner.depth() != k.depth() + 1) {
                        throw new ProgramTooLargeException("runs nest deeper than two levels");
                    }
                    r = plusStep(r, j, Math.multiplyExact(times, inner.extra() / period[j]));
                }
            }
        }
        return r;
    }

    /** Adds {@code times} of run i's step (the increments of one period). */
    private EngineResult plusStep(EngineResult r, int i, long times) {
        Snapshot a = before[i];
        Snapshot b = step[i];
        return r.plus(times, b.now() - a.now(), diff(b.busy(), a.busy()), diff(b.counters(), a.counters()),
                b.macs() - a.macs(), b.done() - a.done());
    }

    private static long[] diff(long[] b, long[] a) {
        long[] d = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = b[i] - a[i];
        }
        return d;
    }

    @Override
    public void beforeBegin(Engine.Run run, int task) {
        for (int d = 0; d < byDepth.size(); d++) {
            int r = runOf(byDepth.get(d), task);
            if (r >= 0) {
                watch(run, r, task);
            }
        }
    }

    private void watch(Engine.Run run, int r, int task) {
        Expansion.Kept k = runs.get(r);
        if (k.extra() == 0 || step[r] != null || (task - k.base()) % k.length() != 0) {
            return;
        }
        long iteration = (task - k.base()) / k.length();
        long[] state = state(run, k, iteration);
        Snapshot now = new Snapshot(iteration, run.now, run.macs, run.done, run.busy.clone(), run.counters.clone());
        if (state != null) {
            for (int d = 1; d <= PERIODS; d++) {
                int slot = (int) ((iteration - d) % PERIODS);
                Snapshot then = iteration >= d ? figures[r][slot] : null;
                if (then != null && then.iteration() == iteration - d && Arrays.equals(state, states[r][slot])) {
                    before[r] = then;
                    step[r] = now;
                    period[r] = d;
                    return;
                }
            }
        }
        int slot = (int) (iteration % PERIODS);
        states[r][slot] = state;
        figures[r][slot] = state == null ? null : now;
    }

    /** The run (an index into runs) among {@code list}, which do not overlap, whose kept iterations hold a task, or -1. */
    private int runOf(List<Integer> list, int task) {
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Expansion.Kept k = runs.get(list.get(mid));
            if (task < k.base()) {
                hi = mid - 1;
            } else if (task >= k.end()) {
                lo = mid + 1;
            } else {
                return list.get(mid);
            }
        }
        return -1;
    }

    /** The engine's state relative to iteration {@code it} of run {@code k}; null if it reaches the run's tail. */
    private long[] state(Engine.Run e, Expansion.Kept k, long it) {
        Ids ids = new Ids(k, it);
        TileProgram.LongList s = new TileProgram.LongList();
        s.add(e.now - e.makespan);
        for (int sv = 0; sv < e.p.servers.size(); sv++) {
            if (e.p.servers.get(sv).kind() == Server.Kind.UNIT) {
                s.add(Math.max(0, e.unitBusyUntil[sv] - e.now));
            } else {
                for (long f : e.channelFree[sv]) {
                    // a free channel matters only by its order among the free ones (the earliest free is taken)
                    long rank = 0;
                    for (long g : e.channelFree[sv]) {
                        rank += g <= e.now && g < f ? 1 : 0;
                    }
                    s.add(f > e.now ? f - e.now : -1 - rank);
                }
            }
        }
        for (int b = 0; b < e.free.length; b++) {
            s.add(e.free[b]);
            ids.add(s, e.bufferNext[b] < e.bufferTasks[b].length ? e.bufferTasks[b][e.bufferNext[b]] : -1);
        }
        for (int q = 0; q < e.queueHead.length; q++) {
            ids.add(s, e.queueHead[q] < e.queueTasks[q].length ? e.queueTasks[q][e.queueHead[q]] : -1);
        }
        long[] ev = e.events.inOrder();
        s.add(ev.length);
        for (int i = 0; i < ev.length; i += 2) {
            s.add(ev[i] - e.now);
            int payload = (int) ev[i + 1];
            ids.add(s, (payload & 1) == 1 ? -2 : payload >>> 1);
        }
        ids.add(s, e.highestStarted);
        while (lowestOpen < e.n && e.completed[lowestOpen]) {
            lowestOpen++;
        }
        for (int t = lowestOpen; t <= e.highestStarted; t++) {
            if (!e.completed[t]) {
                ids.add(s, t);
            }
        }
        return ids.tail ? null : Arrays.copyOf(s.a, s.size);
    }

    /** Task ids as the state records them: inside the run relative to the iteration, elsewhere as they are. */
    private static final class Ids {
        final Expansion.Kept k;
        final long iterationBase;
        final long tailStart;
        boolean tail;

        Ids(Expansion.Kept k, long iteration) {
            this.k = k;
            this.iterationBase = k.base() + iteration * k.length();
            this.tailStart = k.end() - k.length();
        }

        void add(TileProgram.LongList s, int id) {
            if (id >= k.base() && id < k.end()) {
                tail |= id >= tailStart;
                s.add(1);
                s.add(id - iterationBase);
            } else {
                s.add(0);
                s.add(id);
            }
        }
    }
}
