package org.arrayflow.engine;

import java.util.List;

/**
 * What the engine measured for one program: makespan, busy cycles per server, peak occupancy per
 * buffer, and the access counters (level x tensor x access). With tracing on, the start and end
 * cycle of every task and every change of a buffer's occupancy.
 */
public final class EngineResult {
    private final long makespan;
    private final long[] busy;
    private final long[] peak;
    private final long[] counters;
    private final int tensors;
    private final long macs;
    private final long tasks;
    private final long[] start;
    private final long[] end;
    private final List<EngineTrace.BufferSample> occupancy;
    private final TileProgram program;

    EngineResult(long makespan, long[] busy, long[] peak, long[] counters, int tensors, long macs, long tasks,
                 long[] start, long[] end, List<EngineTrace.BufferSample> occupancy, TileProgram program) {
        this.makespan = makespan;
        this.busy = busy;
        this.peak = peak;
        this.counters = counters;
        this.tensors = tensors;
        this.macs = macs;
        this.tasks = tasks;
        this.start = start;
        this.end = end;
        this.occupancy = occupancy;
        this.program = program;
    }

    /**
     * This result with {@code times} more iterations of a run, each adding {@code cycles} to the makespan and the
     * given busy cycles, counts, MACs and tasks (untraced results only: see {@link SteadyState}).
     */
    EngineResult plus(long times, long cycles, long[] dBusy, long[] dCounters, long dMacs, long dTasks) {
        try {
            long[] b = busy.clone();
            for (int i = 0; i < b.length; i++) {
                b[i] = Math.addExact(b[i], Math.multiplyExact(times, dBusy[i]));
            }
            long[] c = counters.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.addExact(c[i], Math.multiplyExact(times, dCounters[i]));
            }
            return new EngineResult(Math.addExact(makespan, Math.multiplyExact(times, cycles)), b, peak, c, tensors,
                    Math.addExact(macs, Math.multiplyExact(times, dMacs)),
                    Math.addExact(tasks, Math.multiplyExact(times, dTasks)), null, null, null, program);
        } catch (ArithmeticException e) {
            throw new ProgramTooLargeException("its cycles, bytes or MACs pass what can be counted (9.2e18)");
        }
    }

    /** Names of the memory levels the program counted, in the order of its level indices. */
    public List<String> levels() { return program.levels; }

    /** Cycle at which the last task completed (the program starts at cycle 0). */
    public long makespan() { return makespan; }

    /** Cycles a server was occupied (for a LINK: summed over channels). */
    public long busy(int server) { return busy[server]; }

    /** Busy cycles of every server, by name, in the program's server order. */
    public java.util.Map<String, Long> busyByServer() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (int s = 0; s < busy.length; s++) {
            m.put(program.servers.get(s).name(), busy[s]);
        }
        return m;
    }

    /** Highest number of bytes allocated at once in a buffer. */
    public long peakBytes(int buffer) { return peak[buffer]; }

    /** MACs of all completed tasks. */
    public long macs() { return macs; }

    /** Tasks executed (a run's iterations each counted). */
    public long tasks() { return tasks; }

    public long count(int level, int tensor, Access access) {
        return counters[(level * tensors + tensor) * Access.values().length + access.ordinal()];
    }

    public boolean traced() { return start != null; }

    /** The traced tasks: server, queue, label, start and end cycle of each. */
    public List<TraceEvent> trace() {
        if (start == null) {
            return List.of();
        }
        TraceEvent[] out = new TraceEvent[start.length];
        for (int i = 0; i < start.length; i++) {
            Server s = program.servers.get(program.server[i]);
            boolean link = s.kind() == Server.Kind.LINK;
            // a link's channel is held for bytes / rate cycles; the latency after that overlaps later transfers
            long released = link ? start[i] + s.occupancy(program.amount[i]) : end[i];
            out[i] = new TraceEvent(s.name(), program.queues.get(program.queue[i]),
                    program.labelNames.isEmpty() ? "" : program.labelNames.get(program.label[i]), start[i], end[i],
                    program.amount[i], link, released);
        }
        return List.of(out);
    }

    /** Everything a traced run recorded (tasks and buffer occupancy); {@link EngineTrace#NONE} if untraced. */
    public EngineTrace recorded() {
        return start == null ? EngineTrace.NONE : new EngineTrace(trace(), occupancy);
    }

    /**
     * One executed task, for the Chrome/Perfetto trace.
     *
     * @param amount   cycles on a unit, bytes on a link
     * @param link     whether the server is a link (moves bytes) rather than a unit
     * @param released cycle the server (a link: the task's channel) was free again; a link's latency runs from
     *                 there to {@code end}, a unit's is {@code end}
     */
    public record TraceEvent(String server, String queue, String label, long start, long end, long amount,
                             boolean link, long released) {}
}
