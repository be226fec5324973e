package org.arrayflow.kind.systolic;

import java.util.Arrays;

/**
 * The planner's state at a loop boundary written down relative to that boundary, so that the states at two
 * boundaries compare equal exactly when one is the other moved on by the loop's steps ({@link FoldSkip}): slice
 * keys with their fold indices less the steps taken, task ids of the last few iterations relative to the boundary
 * (older ones as they are), everything else as it is.
 */
final class PlanState {
    private final SliceTraffic traffic;
    private final FoldShift shift;
    private final long steps;
    private final int origin;
    private final int window;
    private long[] a = new long[64];
    private int size;
    /** How far back the oldest task written down relative lies, in tasks before the boundary. */
    private long deepest;

    /**
     * @param steps  loop steps taken before this boundary
     * @param origin the first task after the boundary
     * @param window the first task written down relative to the boundary
     */
    PlanState(SliceTraffic traffic, FoldShift shift, long steps, int origin, int window) {
        this.traffic = traffic;
        this.shift = shift;
        this.steps = steps;
        this.origin = origin;
        this.window = window;
    }

    void add(long v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
        }
        a[size++] = v;
    }

    /** A task id: relative to the boundary if recent, else as it is (no task: -1). */
    void task(int id) {
        if (id >= window) {
            add(1);
            add(id - origin);
            deepest = Math.max(deepest, origin - id);
        } else {
            add(0);
            add(id);
        }
    }

    /** A slice key as its fields, with fold indices taken back by the steps before this boundary. */
    void key(long key) {
        for (long f : fields(key)) {
            add(f);
        }
    }

    /** A key's fields (tag, instance, i1, i2) with fold indices taken back by the steps before this boundary. */
    long[] fields(long key) {
        SliceKeys.SliceId id = traffic.keys.id(key);
        return new long[] {id.tag(), id.instance(), shift.i1(id.tag(), id.i1(), -steps), shift.i2(id.tag(), id.i2(), -steps)};
    }

    /** A fold's row or column index, taken back by the steps before this boundary. */
    void along(int dim, long index) {
        add(index < 0 ? index : shift.along(dim, index, -steps));
    }

    long deepest() {
        return deepest;
    }

    boolean sameAs(PlanState o) {
        return o != null && Arrays.equals(a, 0, size, o.a, 0, o.size);
    }
}
