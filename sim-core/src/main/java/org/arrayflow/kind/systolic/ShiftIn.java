package org.arrayflow.kind.systolic;

import org.arrayflow.engine.TileProgram;

import java.util.List;

/**
 * Timing of stationary tiles (weights in WS, inputs in IS) on an array whose PEs hold two of them
 * ({@code stationary_tiles: 2}, as the TPU v1 does with its weights). The next fold's tile shifts in, one row a
 * cycle (R cycles), into the register the fold before the current one used, while the current fold streams; a
 * fold starts when the fold before it has streamed and its own tile is in. Folds therefore follow each other
 * without refilling the array, and the fill and drain of the array (R + C - 2 cycles) is paid once, when the
 * layer's last fold drains. A fold whose tile is the one already in the array shifts nothing.
 *
 * <p>Inside a group of folds (one compute task) this recurrence is followed exactly. The first tile of each
 * group is shifted by an engine task on the shift unit, so that it waits for its DRAM load: after a group of one
 * fold the register it fills was freed by the group before that one, so it may start once that group is done and
 * takes R cycles (exact); after a longer group it starts once that group is done and takes what the recurrence
 * leaves of its R cycles then (exact when its tile was on chip in time, early by at most R cycles when not).
 */
final class ShiftIn {
    static final int NO_TASK = -1;

    private final long rows;
    private final TileProgram program;
    private final int server;
    private final int queue;
    // the group being planned; times from the start of its compute
    private long end;
    private long otherFree;
    private long shiftEnd;
    private int folds;
    private boolean firstShifts;
    // the tile in the array: GEMM instance and its fold's row and column index
    private long instance = -1;
    private long row = -1;
    private long col = -1;
    // groups already written
    private int lastCompute = NO_TASK;
    private int computeBefore = NO_TASK;
    private boolean lastGroupSingle = true;
    private long tail;
    private long shifts;

    /** Shifts of {@code rows} cycles on the program's shift unit ({@code server}) and queue. */
    ShiftIn(long rows, TileProgram program, int server, int queue) {
        this.rows = rows;
        this.program = program;
        this.server = server;
        this.queue = queue;
    }

    /** Adds a fold on tile (instance, r, c) that streams for {@code stream} cycles to the group being planned. */
    void add(long inst, long r, long c, long stream) {
        boolean newTile = inst != instance || r != row || c != col;
        instance = inst;
        row = r;
        col = c;
        if (newTile) {
            shifts++;
        }
        if (folds == 0) {
            firstShifts = newTile;
            end = stream;
            otherFree = 0;
            shiftEnd = 0;
        } else if (newTile) {
            shiftEnd = Math.max(shiftEnd, otherFree) + rows;
            otherFree = end;
            end = Math.max(end, shiftEnd) + stream;
        } else {
            end += stream;
        }
        folds++;
    }

    /** Cycles of the group's compute: its folds' streams and the waits for the tiles shifted in among them. */
    long groupCycles() {
        return end;
    }

    /**
     * Writes the shift of the group's first tile, after the loads that bring it on chip, and returns it; NO_TASK
     * when that tile is the one already in the array.
     */
    int firstShift(List<Integer> tileLoads) {
        if (!firstShifts) {
            return NO_TASK;
        }
        int id = program.add(queue, server, lastGroupSingle ? rows : tail, 0, 0);
        int after = lastGroupSingle ? computeBefore : lastCompute;
        if (after != NO_TASK) {
            program.dependsOn(id, after);
        }
        for (int load : tileLoads) {
            if (load != NO_TASK) {
                program.dependsOn(id, load);
            }
        }
        return id;
    }

    /** Closes the group whose last compute task is {@code compute}. */
    void groupDone(int compute) {
        tail = Math.max(0, Math.max(shiftEnd, otherFree) + rows - end);
        lastGroupSingle = folds == 1;
        computeBefore = lastCompute;
        lastCompute = compute;
        folds = 0;
    }

    /**
     * The tile in the array and the groups written, for {@link FoldSkip}; a fold's row index is one of GEMM
     * dimension {@code rowDim}, its column index one of {@code colDim}.
     */
    void describe(PlanState s, int rowDim, int colDim) {
        s.add(folds);
        s.add(instance);
        s.along(rowDim, row);
        s.along(colDim, col);
        s.task(lastCompute);
        s.task(computeBefore);
        s.add(lastGroupSingle ? 1 : 0);
        s.add(tail);
    }

    /** Moves the state on past a run's copies, whose shifts {@code delta[6]} holds. */
    void advance(FoldSkip.Move move, int rowDim, int colDim, long[] delta) {
        row = move.along(rowDim, row);
        col = move.along(colDim, col);
        lastCompute = move.task(lastCompute);
        computeBefore = move.task(computeBefore);
        shifts = Math.addExact(shifts, delta[6]);
    }

    /** Tiles shifted in so far. */
    long shifts() {
        return shifts;
    }
}
