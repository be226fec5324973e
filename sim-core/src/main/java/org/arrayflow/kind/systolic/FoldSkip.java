package org.arrayflow.kind.systolic;

import org.arrayflow.engine.TileProgram;

/**
 * Skips the steady state of one loop over folds: the loop is planned block by block (a block is one step of
 * {@link FoldShift}, a few iterations); once consecutive blocks are written alike ({@link TileProgram#sameShifted})
 * and the planner's state after the last is the state after the one before it moved on by a step ({@link PlanState}),
 * every further block would be planned alike too: the planner is deterministic and plans a block from its state
 * and the block's fold indices alone, and both only move on. The last block is then declared repeated
 * ({@link TileProgram#repeatBlock}) for the blocks the loop has left but a few: those are written after the run,
 * from the state moved on past it, until no slice names a task of the run (as many blocks as the oldest slice's
 * last use lies back), and the loop goes on after them.
 *
 * <p>Blocks must lie in the loop's regular range, where every fold has its full length and the first or last
 * iteration of a reduction does not fall: the caller gives it.
 */
final class FoldSkip {
    /** Blocks written alike, at least, before one is repeated. */
    private static final int MIN_ALIKE = 2;

    private final TileProgram program;
    private final SliceTraffic traffic;
    private final FoldGroup group;
    private final ShiftIn shiftIn;
    private final FoldShift shift;
    private final int rowDim;
    private final int colDim;
    private final long step;
    private final long regularFrom;
    private final long regularEnd;
    /** Per boundary (ring of three): where the program was, the state, the figures that only add up. */
    private final TileProgram.Mark[] marks = new TileProgram.Mark[3];
    private final PlanState[] states = new PlanState[3];
    private final long[][] figures = new long[3][];
    /** The program at the first boundary: task ids from there on are written down relative to a boundary. */
    private int windowStart = -1;
    private long boundaries;
    private int alike;
    /** Iterations skipped so far, and the loop index before which frees on the run's body are left out. */
    private long skipped;
    private long droppingUntil = -1;
    private int[] runBody;

    /**
     * Blocks of a loop over fold indices of {@code dim}: its iterations {@code [regularFrom, regularEnd)} are
     * regular (see above); {@code shift} is one block's step.
     */
    FoldSkip(TileProgram program, SliceTraffic traffic, FoldGroup group, ShiftIn shiftIn, FoldGeometry geo,
             FoldShift shift, int dim, long regularFrom, long regularEnd) {
        this.rowDim = geo.rowDim();
        this.colDim = geo.colDim();
        this.program = program;
        this.traffic = traffic;
        this.group = group;
        this.shiftIn = shiftIn;
        this.shift = shift;
        this.step = shift.fold()[dim];
        this.regularFrom = regularFrom;
        this.regularEnd = regularEnd;
    }

    /**
     * Called before loop iteration {@code index} is planned, with the group-size ladder the loop carries; returns
     * how many iterations to skip (their work is then declared, and the caller goes on at index + the result).
     */
    long before(long index, long ladder) {
        if (droppingUntil >= 0 && index >= droppingUntil) {
            traffic.keepFreesOn(runBody);
            droppingUntil = -1;
        }
        if (skipped > 0 || index < regularFrom || (index - regularFrom) % step != 0 || index > regularEnd) {
            return 0;
        }
        int slot = (int) (boundaries % marks.length);
        marks[slot] = program.mark();
        if (windowStart < 0) {
            windowStart = marks[slot].tasks();
        }
        figures[slot] = figures();
        PlanState state = new PlanState(traffic, shift, boundaries, marks[slot].tasks(), windowStart);
        state.add(ladder);
        traffic.describe(state);
        group.describe(state);
        if (shiftIn != null) {
            shiftIn.describe(state, rowDim, colDim);
        }
        states[slot] = state;
        long b = boundaries++;
        if (b < 2) {
            return 0;
        }
        int prev = (int) ((b - 1) % marks.length);
        TileProgram.Mark body = marks[prev];
        alike = program.sameShifted(marks[(int) ((b - 2) % marks.length)], body, marks[slot]) ? alike + 1 : 0;
        if (alike < MIN_ALIKE || !state.sameAs(states[prev])) {
            return 0;
        }
        int len = marks[slot].tasks() - body.tasks();
        // the blocks before the body that its frees reach must be alike too (they get the first copies' frees)
        long reach = ceilDiv(program.reachBack(body), len);
        // written after the run: a slice last used d blocks back names copy d - 1 from the end until d blocks more
        long after = Math.max(1, ceilDiv(state.deepest(), len));
        long copies = (regularEnd - index) / step - after;
        if (alike < reach || copies < 1 || !program.canRepeatBlock(body)) {
            return 0;
        }
        program.repeatBlock(body, copies + 1);
        long[] now = figures[slot];
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = Math.multiplyExact(now[i] - figures[prev][i], copies);
        }
        Move move = new Move(copies, body.tasks(), len, windowStart);
        traffic.advance(move, delta);
        group.advance(delta);
        if (shiftIn != null) {
            shiftIn.advance(move, rowDim, colDim, delta);
        }
        runBody = traffic.leaveOutFreesOn(body.tasks(), marks[slot].tasks());
        skipped = copies * step;
        droppingUntil = index + skipped + after * step;
        return skipped;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private long[] figures() {
        long[] f = new long[7];
        traffic.figures(f, 0);
        group.figures(f, 2);
        f[6] = shiftIn == null ? 0 : shiftIn.shifts();
        return f;
    }

    /**
     * The planner's state moved on past the copies: keys by their steps, and task ids by the copies' blocks. A task
     * that moves into the run is named by the body's (the last copy's: what a later task that waits on one of them
     * waits on in the written-out program too, as the body's dependencies reach back one block only; frees on the
     * others are the body's own and left out).
     */
    final class Move {
        private final long times;
        private final int bodyStart;
        private final int len;
        private final int windowStart;

        Move(long times, int bodyStart, int len, int windowStart) {
            this.times = times;
            this.bodyStart = bodyStart;
            this.len = len;
            this.windowStart = windowStart;
        }

        long key(long key) {
            SliceKeys.SliceId id = traffic.keys.id(key);
            return traffic.keys.key(id.tag(), id.instance(), shift.i1(id.tag(), id.i1(), times),
                    shift.i2(id.tag(), id.i2(), times));
        }

        int task(int id) {
            if (id < windowStart || id >= bodyStart) {
                return id;
            }
            long back = -Math.floorDiv(id - bodyStart, len);
            // moved on, a task of a block before the body is one of a copy, or still one of a block written before
            return back <= times ? bodyStart + Math.floorMod(id - bodyStart, len) : (int) (id + times * len);
        }

        long along(int d, long index) {
            return index < 0 ? index : shift.along(d, index, times);
        }
    }
}
