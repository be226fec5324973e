package org.arrayflow.engine;

/**
 * Comparing and repeating blocks of a program as a planner wrote them ({@link TileProgram#sameShifted},
 * {@link TileProgram#repeatBlock}): a planner that recognises a loop's steady state writes one iteration and
 * declares the rest instead of writing them all.
 */
final class WrittenBlocks {
    private WrittenBlocks() {}

    static boolean sameShifted(TileProgram p, TileProgram.Mark a, TileProgram.Mark b, TileProgram.Mark c) {
        int len = b.tasks() - a.tasks();
        if (c.tasks() - b.tasks() != len || c.deps() - b.deps() != b.deps() - a.deps()
                || c.frees() - b.frees() != b.frees() - a.frees() || c.counts() - b.counts() != b.counts() - a.counts()) {
            return false;
        }
        if (!sameRuns(p, a.tasks(), b.tasks(), c.tasks())) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int x = a.tasks() + i;
            int y = b.tasks() + i;
            if (p.queue[x] != p.queue[y] || p.server[x] != p.server[y] || p.amount[x] != p.amount[y]
                    || p.macs[x] != p.macs[y] || p.label[x] != p.label[y] || p.allocBuf[x] != p.allocBuf[y]
                    || p.allocBytes[x] != p.allocBytes[y]) {
                return false;
            }
        }
        for (int i = 0; i < b.deps() - a.deps(); i++) {
            int x = a.deps() + i;
            int y = b.deps() + i;
            if (p.depTask.a[y] - p.depTask.a[x] != len || p.depOf.a[y] - p.depOf.a[x] != len) {
                return false;
            }
        }
        for (int i = 0; i < b.frees() - a.frees(); i++) {
            int x = a.frees() + i;
            int y = b.frees() + i;
            if (p.freeOf.a[y] - p.freeOf.a[x] != len || p.freeBuf.a[y] != p.freeBuf.a[x]
                    || p.freeBytes.a[y] != p.freeBytes.a[x]) {
                return false;
            }
        }
        for (int i = 0; i < b.counts() - a.counts(); i++) {
            int x = a.counts() + i;
            int y = b.counts() + i;
            if (p.cntOf.a[y] - p.cntOf.a[x] != len || p.cntKey.a[y] != p.cntKey.a[x]
                    || p.cntAmount.a[y] != p.cntAmount.a[x]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the runs in tasks [b, c) are those in [a, b), shifted. */
    private static boolean sameRuns(TileProgram p, int a, int b, int c) {
        java.util.List<TileProgram.Repeat> x = new java.util.ArrayList<>();
        java.util.List<TileProgram.Repeat> y = new java.util.ArrayList<>();
        for (TileProgram.Repeat r : p.repeats) {
            if (r.first() >= a && r.first() < b) {
                x.add(r);
            } else if (r.first() >= b && r.first() < c) {
                y.add(r);
            }
        }
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            TileProgram.Repeat r = x.get(i);
            TileProgram.Repeat s = y.get(i);
            if (s.first() - r.first() != b - a || s.length() != r.length() || s.count() != r.count()
                    || s.carried() != r.carried()) {
                return false;
            }
        }
        return true;
    }

    /** Why the block written since {@code body} cannot be repeated, or null. */
    static String problem(TileProgram p, TileProgram.Mark body) {
        int first = body.tasks();
        int len = p.n - first;
        if (len <= 0 || first < len) {
            return "a repeated block needs a body and the block before it written";
        }
        for (int i = body.deps(); i < p.depTask.size; i++) {
            if (p.depOf.a[i] < first - len) {
                // only the iteration just before is carried to the copies (see TileProgram.Repeat)
                return "a repeated block's dependency reaches past the block before it";
            }
        }
        return null;
    }

    static void repeat(TileProgram p, TileProgram.Mark body, long count) {
        String problem = problem(p, body);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int first = body.tasks();
        int len = p.n - first;
        int frees = p.freeOf.size;
        for (int i = body.frees(); i < frees; i++) {
            if (p.freeOf.a[i] < first) {
                for (int target : targets(p.freeOf.a[i], first, len, count)) {
                    p.frees(target, p.freeBuf.a[i], p.freeBytes.a[i]);
                }
            }
        }
        int counts = p.cntOf.size;
        for (int i = body.counts(); i < counts; i++) {
            if (p.cntOf.a[i] < first) {
                for (int target : targets(p.cntOf.a[i], first, len, count)) {
                    p.cntOf.add(target);
                    p.cntKey.add(p.cntKey.a[i]);
                    p.cntAmount.add(p.cntAmount.a[i]);
                }
            }
        }
        p.repeatCarried(first, count);
    }

    /**
     * Where an entry the body put on task {@code of}, d blocks back, also lands: on the body (each copy gets it from
     * the copy d after it) and, from copies 1 .. d - 1 of the run, on the written blocks before it.
     */
    private static int[] targets(int of, int first, int len, long count) {
        int back = (first - of + len - 1) / len;
        int inBody = of + back * len;
        int before = (int) Math.min(back - 1, count - 1);
        int[] out = new int[1 + Math.max(0, before)];
        out[0] = inBody;
        for (int i = 1; i <= before; i++) {
            out[i] = of + i * len;
        }
        return out;
    }
}
