package org.arrayflow.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a dataflow hands the engine: tasks (load, compute, store, ...) with dependencies, each issued
 * in order on a queue and executed on a server, optionally allocating buffer space when it starts and
 * freeing space when it completes, and adding to access counters when it completes.
 * The program says what happens; only the {@link Engine} decides when.
 *
 * <p>Stored as parallel primitive arrays: a large layer has hundreds of thousands of tasks. A program is
 * bounded ({@link #MAX_TASKS} tasks, {@link #MAX_ENTRIES} dependencies, frees or counts): about 100 bytes
 * a task here and 60 more while the engine runs it, so one layer stays under about 3 GB (the largest
 * bundled run, TPU MLP0 at batch 200 on a tiled FPGA, peaks at 1.4 GB); a plan that would pass the bound
 * stops with {@link ProgramTooLargeException} instead of exhausting the heap. Identical iterations are written
 * once, as a run ({@link #repeat}): the bound applies to the tasks written, not to the iterations they stand for.
 */
public final class TileProgram {
    public static final int MAX_TASKS = 1 << 24;
    public static final int MAX_ENTRIES = 1 << 26;

    final List<Server> servers;
    final List<String> queues;
    final List<String> buffers;
    final long[] capacity;
    final List<String> levels;
    final int tensors;

    int n;
    int[] queue = new int[64];
    int[] server = new int[64];
    long[] amount = new long[64];
    long[] macs = new long[64];
    int[] label = new int[64];
    int[] allocBuf = new int[64];
    long[] allocBytes = new long[64];
    // dependencies, frees and counters: per-task lists in flat arrays (CSR built at the end)
    IntList depTask = new IntList(), depOf = new IntList();
    IntList freeOf = new IntList(), freeBuf = new IntList();
    LongList freeBytes = new LongList();
    IntList cntOf = new IntList(), cntKey = new IntList();
    LongList cntAmount = new LongList();
    final List<String> labelNames = new ArrayList<>();
    /** Runs of identical iterations, by where their bodies start; a run may hold runs in its body, none overlap. */
    final List<Repeat> repeats = new ArrayList<>();

    /**
     * Tasks {@code [first, first + length)}, the body, stand for {@code count} consecutive iterations of the same
     * work. In iteration i a body task depends on the same iteration's copy of a body task, and on tasks before the
     * run as written; a task after the run that depends on a body task waits for the last iteration's copy. In a
     * {@code carried} run, a body task's dependency on one of the {@code length} tasks written just before the body
     * is on the previous iteration's copy of it (the tasks before the body are then iteration -1, as written).
     */
    record Repeat(int first, int length, long count, boolean carried) {}

    /**
     * @param levels   memory levels counted (index 0 is usually DRAM); counters use these indices
     * @param tensors  number of tensor kinds counted
     * @param buffers  names of the buffers with capacity, and their capacities in bytes
     */
    public TileProgram(List<Server> servers, List<String> queues, List<String> buffers, long[] capacity,
                       List<String> levels, int tensors) {
        this.servers = List.copyOf(servers);
        this.queues = List.copyOf(queues);
        this.buffers = List.copyOf(buffers);
        this.capacity = capacity.clone();
        this.levels = List.copyOf(levels);
        this.tensors = tensors;
    }

    /** Adds a task; {@code amount} is cycles on a UNIT server, bytes on a LINK. Returns its id. */
    public int add(int queueIndex, int serverIndex, long amount, long macs, int labelIndex) {
        if (amount < 0 || macs < 0) {
            // the planners' counts are non-negative by construction: a negative one has wrapped around
            throw new ProgramTooLargeException("a task's cycles, bytes or MACs pass what can be counted "
                    + "(9.2e18): the layer is too large");
        }
        if (n == queue.length) {
            if (n >= MAX_TASKS) {
                throw new ProgramTooLargeException(String.format(java.util.Locale.ROOT, "its program passes %,d "
                        + "tasks, the most the engine runs for one layer", MAX_TASKS));
            }
            grow();
        }
        queue[n] = queueIndex;
        server[n] = serverIndex;
        this.amount[n] = amount;
        this.macs[n] = macs;
        label[n] = labelIndex;
        allocBuf[n] = -1;
        return n++;
    }

    /**
     * Declares the tasks added since {@code first} (the body) to be {@code count} identical iterations of a run
     * (see {@link Repeat}): a layer's thousands of identical folds are written once. The engine advances through the
     * run's steady state in closed form; the results are those of the program with every iteration written out.
     */
    public void repeat(int first, long count) {
        repeat(first, count, false);
    }

    /**
     * As {@link #repeat(int, long)}, but a body task's dependency on one of the body's length of tasks written just
     * before it is carried from iteration to iteration (see {@link Repeat}): a loop whose iteration waits for the
     * iteration before it (a spilled partial sum reloaded, a tile shifted in after the previous one) is written as
     * its iteration before the run, then the body.
     */
    public void repeatCarried(int first, long count) {
        if (first < n - first) {
            throw new IllegalArgumentException("a carried run needs its previous iteration written before the body");
        }
        repeat(first, count, true);
    }

    private void repeat(int first, long count, boolean carried) {
        if (count < 1 || first >= n) {
            throw new IllegalArgumentException("a run needs a body and at least one iteration");
        }
        // runs declared earlier lie before the body or wholly inside it (a run of runs); none may straddle its start
        int at = repeats.size();
        while (at > 0 && repeats.get(at - 1).first() >= first) {
            at--;
        }
        if (at > 0 && repeats.get(at - 1).first() + repeats.get(at - 1).length() > first) {
            throw new IllegalArgumentException("runs may not overlap");
        }
        if (count > 1) {
            repeats.add(at, new Repeat(first, n - first, count, carried));
        }
    }

    /** How much of each kind of entry a program had at one moment, to compare and repeat what was written since. */
    public record Mark(int tasks, int deps, int frees, int counts) {}

    public Mark mark() {
        return new Mark(n, depTask.size, freeOf.size, cntOf.size);
    }

    /**
     * Whether what was written between {@code b} and {@code c} (tasks, and the dependencies, frees and counts added
     * to any task) is what was written between {@code a} and {@code b}, with every task id shifted by the tasks
     * between {@code a} and {@code b}.
     */
    public boolean sameShifted(Mark a, Mark b, Mark c) {
        return WrittenBlocks.sameShifted(this, a, b, c);
    }

    /**
     * Declares the block written between {@code body} and the end of the program to be the first of {@code count}
     * identical blocks, the block before it being their iteration -1 ({@link #repeatCarried}). Frees and counts the
     * body put on earlier blocks are what every block puts on the ones before it: each goes on the body too (every
     * copy gets it from a later one) and on the blocks before the run that the run's first copies reach. A caller
     * writing on after the run must therefore leave out the frees and counts it would put on the body.
     */
    public void repeatBlock(Mark body, long count) {
        WrittenBlocks.repeat(this, body, count);
    }

    /** How far back (in tasks before {@code body}) the frees and counts written since {@code body} reach, or 0. */
    public int reachBack(Mark body) {
        int reach = 0;
        for (int i = body.frees(); i < freeOf.size; i++) {
            reach = Math.max(reach, body.tasks() - freeOf.a[i]);
        }
        for (int i = body.counts(); i < cntOf.size; i++) {
            reach = Math.max(reach, body.tasks() - cntOf.a[i]);
        }
        return reach;
    }

    /** Whether the block written since {@code body} may be repeated: its dependencies reach back one block at most. */
    public boolean canRepeatBlock(Mark body) {
        return WrittenBlocks.problem(this, body) == null;
    }

    /** Tasks of the program with every run written out (past a long: the layer is too large to count). */
    public long expandedSize() {
        long[] all = new long[repeats.size()];
        java.util.Arrays.fill(all, Long.MAX_VALUE);
        return Expansion.size(this, all);
    }

    /** How deep runs nest: 0 without runs, 1 for runs of tasks, 2 where a run holds runs. */
    public int runDepth() {
        int depth = 0;
        for (int i = 0; i < repeats.size(); i++) {
            int d = 1;
            Repeat r = repeats.get(i);
            for (int j = 0; j < i; j++) {
                Repeat o = repeats.get(j);
                if (r.first() >= o.first() && r.first() < o.first() + o.length()) {
                    d++;
                }
            }
            depth = Math.max(depth, d);
        }
        return depth;
    }

    /** Runs of more than one iteration declared so far. */
    public int runs() {
        return repeats.size();
    }

    /** This program with every run written out iteration by iteration: what a compact program must equal. */
    public TileProgram writtenOut() {
        return repeats.isEmpty() ? this : Expansion.of(this, Long.MAX_VALUE).program();
    }

    /** A name shown in traces for tasks added with this label index. */
    public int label(String name) {
        labelNames.add(name);
        return labelNames.size() - 1;
    }

    public void dependsOn(int task, int on) {
        if (on < 0) {
            return;
        }
        if (on >= task) {
            throw new IllegalArgumentException("a task may depend only on earlier tasks");
        }
        depTask.add(task);
        depOf.add(on);
    }

    /** Space the task takes in a buffer before it can start. One allocation per task. */
    public void allocates(int task, int buffer, long bytes) {
        if (bytes <= 0) {
            return;
        }
        if (allocBuf[task] >= 0) {
            throw new IllegalStateException("task " + task + " already allocates");
        }
        if (bytes > capacity[buffer]) {
            throw new IllegalArgumentException("task needs " + bytes + " bytes of " + buffers.get(buffer)
                    + ", which has " + capacity[buffer]);
        }
        allocBuf[task] = buffer;
        allocBytes[task] = bytes;
    }

    /** Space released when the task completes. */
    public void frees(int task, int buffer, long bytes) {
        if (bytes <= 0) {
            return;
        }
        freeOf.add(task);
        freeBuf.add(buffer);
        freeBytes.add(bytes);
    }

    /** Adds to a counter (level, tensor, access) when the task completes. */
    public void counts(int task, int level, int tensor, Access access, long amount) {
        if (amount == 0) {
            return;
        }
        if (amount < 0) {
            throw new IllegalArgumentException("negative count");
        }
        cntOf.add(task);
        cntKey.add(counterKey(level, tensor, access));
        cntAmount.add(amount);
    }

    int counterKey(int level, int tensor, Access access) {
        return (level * tensors + tensor) * Access.values().length + access.ordinal();
    }

    int counterSize() {
        return levels.size() * tensors * Access.values().length;
    }

    public int size() {
        return n;
    }

    public long capacity(int buffer) {
        return capacity[buffer];
    }

    /**
     * Makes room for {@code tasks} tasks and about {@code perTask} dependencies, frees and counts each, so a program
     * of known size is written without growing its arrays step by step (which holds old and new copies at once).
     */
    void reserve(int tasks, double[] perTask) {
        resize(Math.max(queue.length, tasks));
        int d = entries(tasks, perTask[0]);
        depTask.reserve(d);
        depOf.reserve(d);
        int f = entries(tasks, perTask[1]);
        freeOf.reserve(f);
        freeBuf.reserve(f);
        freeBytes.reserve(f);
        int k = entries(tasks, perTask[2]);
        cntOf.reserve(k);
        cntKey.reserve(k);
        cntAmount.reserve(k);
    }

    private static int entries(int tasks, double perTask) {
        return (int) Math.min(MAX_ENTRIES, Math.ceil(tasks * perTask * 1.02) + 64);
    }

    private void grow() {
        resize(queue.length * 2);
    }

    private void resize(int c) {
        queue = Arrays.copyOf(queue, c);
        server = Arrays.copyOf(server, c);
        amount = Arrays.copyOf(amount, c);
        macs = Arrays.copyOf(macs, c);
        label = Arrays.copyOf(label, c);
        allocBuf = Arrays.copyOf(allocBuf, c);
        allocBytes = Arrays.copyOf(allocBytes, c);
    }

    /** A growable int array. */
    static final class IntList {
        int[] a = new int[64];
        int size;

        void reserve(int capacity) {
            if (capacity > a.length) {
                a = Arrays.copyOf(a, capacity);
            }
        }

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, checkedGrowth(size));
            }
            a[size++] = v;
        }
    }

    static int checkedGrowth(int size) {
        if (size >= MAX_ENTRIES) {
            throw new ProgramTooLargeException(String.format(java.util.Locale.ROOT, "its program passes %,d "
                    + "dependencies, frees or counts, the most the engine runs for one layer", MAX_ENTRIES));
        }
        return size * 2;
    }

    /** A growable long array. */
    static final class LongList {
        long[] a = new long[64];
        int size;

        void reserve(int capacity) {
            if (capacity > a.length) {
                a = Arrays.copyOf(a, capacity);
            }
        }

        void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, checkedGrowth(size));
            }
            a[size++] = v;
        }
    }
}
