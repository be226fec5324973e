package org.arrayflow.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The discrete-event engine: executes a {@link TileProgram} and measures time.
 *
 * <p>Rules. A task starts when (1) all its dependencies have completed, (2) it is the oldest
 * unstarted task of its queue (queues issue in order, like DMA and instruction queues), (3) its
 * buffer allocation fits, granted strictly in program order per buffer so that prefetching can never
 * take space an earlier task needs, and (4) its server is free (a UNIT) or has a free channel (a LINK).
 * Among tasks ready at the same instant, the one earliest in the program starts first. Completion
 * frees buffer space and adds the task's counters. Nothing else advances time.
 */
public final class Engine {
    private static final int COMPLETE = 0;
    private static final int WAKE = 1;

    private Engine() {}

    public static EngineResult run(TileProgram p, boolean trace) {
        return p.repeats.isEmpty() ? new Run(p, trace, null).execute() : SteadyState.run(p, trace);
    }

    /** Called just before a task begins; {@link SteadyState} watches the first task of each run iteration. */
    interface Watcher {
        void beforeBegin(Run run, int task);
    }

    static final class Run {
        final TileProgram p;
        final int n;
        final int[] remaining;
        final int[] dependentsStart;
        final int[] dependents;
        final int[] freeStart;
        final int[] freeIdx;
        final int[] cntStart;
        final int[] cntIdx;
        final int[][] queueTasks;
        final int[] queueHead;
        final int[][] bufferTasks;
        final int[] bufferNext;
        final long[] free;
        final long[] peak;
        final long[] unitBusyUntil;
        final long[][] channelFree;
        final long[] busy;
        final long[] counters;
        final long[] start;
        final long[] end;
        /** With tracing on: every change of a buffer's occupancy (cycle, buffer, bytes in use after it). */
        final Occupancy occupancy;
        final EventQueue events = new EventQueue();
        final boolean[] completed;
        final Watcher watcher;
        /** The highest task id started so far. */
        int highestStarted = -1;
        long now;
        int done;
        long macs;
        long makespan;

        Run(TileProgram p, boolean trace, Watcher watcher) {
            this.p = p;
            this.n = p.n;
            this.watcher = watcher;
            this.completed = new boolean[n];
            remaining = new int[n];
            int[] depCount = new int[n + 1];
            for (int i = 0; i < p.depTask.size; i++) {
                remaining[p.depTask.a[i]]++;
                depCount[p.depOf.a[i] + 1]++;
            }
            dependentsStart = prefix(depCount);
            dependents = new int[p.depTask.size];
            int[] fill = dependentsStart.clone();
            for (int i = 0; i < p.depTask.size; i++) {
                dependents[fill[p.depOf.a[i]]++] = p.depTask.a[i];
            }
            freeStart = new int[n + 1];
            freeIdx = Expansion.bucket(p.freeOf, n, freeStart);
            cntStart = new int[n + 1];
            cntIdx = Expansion.bucket(p.cntOf, n, cntStart);

            int qn = p.queues.size();
            int[] qCount = new int[qn];
            for (int i = 0; i < n; i++) {
                qCount[p.queue[i]]++;
            }
            queueTasks = new int[qn][];
            for (int q = 0; q < qn; q++) {
                queueTasks[q] = new int[qCount[q]];
            }
            int[] qFill = new int[qn];
            for (int i = 0; i < n; i++) {
                queueTasks[p.queue[i]][qFill[p.queue[i]]++] = i;
            }
            queueHead = new int[qn];

            int bn = p.buffers.size();
            int[] bCount = new int[bn];
            for (int i = 0; i < n; i++) {
                if (p.allocBuf[i] >= 0) {
                    bCount[p.allocBuf[i]]++;
                }
            }
            bufferTasks = new int[bn][];
            for (int b = 0; b < bn; b++) {
                bufferTasks[b] = new int[bCount[b]];
            }
            int[] bFill = new int[bn];
            for (int i = 0; i < n; i++) {
                if (p.allocBuf[i] >= 0) {
                    bufferTasks[p.allocBuf[i]][bFill[p.allocBuf[i]]++] = i;
                }
            }
            bufferNext = new int[bn];
            free = p.capacity.clone();
            peak = new long[bn];

            int sn = p.servers.size();
            unitBusyUntil = new long[sn];
            channelFree = new long[sn][];
            for (int s = 0; s < sn; s++) {
                channelFree[s] = new long[p.servers.get(s).channels()];
            }
            busy = new long[sn];
            counters = new long[p.counterSize()];
            start = trace ? new long[n] : null;
            end = trace ? new long[n] : null;
            occupancy = trace ? new Occupancy() : null;
        }

        private static int[] prefix(int[] counts) {
            int[] s = counts.clone();
            for (int i = 1; i < s.length; i++) {
                s[i] += s[i - 1];
            }
            return s;
        }

        EngineResult execute() {
            dispatch();
            while (!events.isEmpty()) {
                now = events.peekTime();
                while (!events.isEmpty() && events.peekTime() == now) {
                    int payload = events.pop();
                    if ((payload & 1) == COMPLETE) {
                        complete(payload >>> 1);
                    }
                }
                dispatch();
            }
            if (done < n) {
                throw new IllegalStateException(deadlockReport());
            }
            return new EngineResult(makespan, busy, peak, counters, p.tensors, macs, n, start, end,
                    occupancy == null ? null : occupancy.samples(p), p);
        }

        private void dispatch() {
            while (true) {
                int best = -1;
                for (int q = 0; q < queueTasks.length; q++) {
                    int h = queueHead[q];
                    if (h >= queueTasks[q].length) {
                        continue;
                    }
                    int t = queueTasks[q][h];
                    if ((best < 0 || t < best) && canStart(t)) {
                        best = t;
                    }
                }
                if (best < 0) {
                    return;
                }
                if (watcher != null) {
                    watcher.beforeBegin(this, best);
                }
                begin(best);
            }
        }

        boolean canStart(int t) {
            if (remaining[t] > 0) {
                return false;
            }
            int b = p.allocBuf[t];
            if (b >= 0 && (bufferTasks[b][bufferNext[b]] != t || free[b] < p.allocBytes[t])) {
                return false;
            }
            int s = p.server[t];
            if (p.servers.get(s).kind() == Server.Kind.UNIT) {
                return unitBusyUntil[s] <= now;
            }
            for (long f : channelFree[s]) {
                if (f <= now) {
                    return true;
                }
            }
            return false;
        }

        private void begin(int t) {
            queueHead[p.queue[t]]++;
            highestStarted = Math.max(highestStarted, t);
            int b = p.allocBuf[t];
            if (b >= 0) {
                free[b] -= p.allocBytes[t];
                bufferNext[b]++;
                peak[b] = Math.max(peak[b], p.capacity[b] - free[b]);
                if (occupancy != null) {
                    occupancy.add(now, b, p.capacity[b] - free[b]);
                }
            }
            int s = p.server[t];
            Server srv = p.servers.get(s);
            long finish;
            if (srv.kind() == Server.Kind.UNIT) {
                finish = later(now, p.amount[t]);
                unitBusyUntil[s] = finish;
                busy[s] += p.amount[t];
            } else {
                long[] ch = channelFree[s];
                int c = 0;
                for (int i = 1; i < ch.length; i++) {
                    if (ch[i] < ch[c]) {
                        c = i;
                    }
                }
                long occ = srv.occupancy(p.amount[t]);
                if (occ == Long.MAX_VALUE) {
                    throw new ArithmeticException("moving " + p.amount[t] + " bytes over " + srv.name() + " at "
                            + srv.bytesPerCycle() + " bytes a cycle takes more cycles than can be counted");
                }
                ch[c] = later(now, occ);
                busy[s] = later(busy[s], occ);
                if (occ > 0) {
                    events.push(ch[c], WAKE);
                }
                finish = later(ch[c], p.amount[t] > 0 ? srv.latency() : 0);
            }
            if (start != null) {
                start[t] = now;
            }
            events.push(finish, t << 1 | COMPLETE);
        }

        /** {@code now + d}, or an error when time passes what a long counts (2^63 cycles). */
        private static long later(long now, long d) {
            try {
                return Math.addExact(now, d);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("the run takes more than 9.2e18 cycles, more than can be counted");
            }
        }

        private void complete(int t) {
            done++;
            completed[t] = true;
            macs += p.macs[t];
            makespan = Math.max(makespan, now);
            if (end != null) {
                end[t] = now;
            }
            for (int i = freeStart[t]; i < freeStart[t + 1]; i++) {
                int e = freeIdx[i];
                int b = p.freeBuf.a[e];
                free[b] += p.freeBytes.a[e];
                if (occupancy != null) {
                    occupancy.add(now, b, p.capacity[b] - free[b]);
                }
            }
            for (int i = cntStart[t]; i < cntStart[t + 1]; i++) {
                int e = cntIdx[i];
                counters[p.cntKey.a[e]] += p.cntAmount.a[e];
            }
            for (int i = dependentsStart[t]; i < dependentsStart[t + 1]; i++) {
                remaining[dependents[i]]--;
            }
        }

        /** Occupancy changes in the order they happened, in growable parallel arrays. */
        static final class Occupancy {
            long[] cycle = new long[64];
            int[] buffer = new int[64];
            long[] bytes = new long[64];
            int size;

            void add(long now, int b, long inUse) {
                if (size == cycle.length) {
                    cycle = Arrays.copyOf(cycle, size * 2);
                    buffer = Arrays.copyOf(buffer, size * 2);
                    bytes = Arrays.copyOf(bytes, size * 2);
                }
                cycle[size] = now;
                buffer[size] = b;
                bytes[size++] = inUse;
            }

            List<EngineTrace.BufferSample> samples(TileProgram p) {
                EngineTrace.BufferSample[] out = new EngineTrace.BufferSample[size];
                for (int i = 0; i < size; i++) {
                    out[i] = new EngineTrace.BufferSample(p.buffers.get(buffer[i]), cycle[i], bytes[i],
                            p.capacity[buffer[i]]);
                }
                return List.of(out);
            }
        }

        private String deadlockReport() {
            StringBuilder sb = new StringBuilder("engine deadlock at cycle " + now + ": " + (n - done) + " of " + n
                    + " tasks never ran.");
            for (int q = 0; q < queueTasks.length; q++) {
                int h = queueHead[q];
                if (h < queueTasks[q].length) {
                    int t = queueTasks[q][h];
                    sb.append(" Queue ").append(p.queues.get(q)).append(" waits at task ").append(t)
                            .append(" (deps left ").append(remaining[t]);
                    int b = p.allocBuf[t];
                    if (b >= 0) {
                        sb.append(", needs ").append(p.allocBytes[t]).append(" B of ").append(p.buffers.get(b))
                                .append(" with ").append(free[b]).append(" B free");
                    }
                    sb.append(").");
                }
            }
            return sb.toString();
        }
    }
}
