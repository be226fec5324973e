package org.arrayflow.scalesim;

/**
 * SCALE-Sim's view of one read buffer's fetch stream (USER mode): the operand's prefetch matrix, flattened
 * in the order the DRAM delivers it, cut into "sets" of {@code setSize} valid (non -1) entries. For every
 * operand address it keeps the sets that hold it (several for a convolution's im2col matrix, where one
 * ifmap element appears in many windows), so a lookup is one or a few integer comparisons.
 *
 * <p>The prefetch matrix is {@code tiles x tileRows} rows by {@code width} columns: tile {@code f} holds
 * the fold-{@code f} slice of the operand, padded with -1 to the array edge. Operands fed with skew are
 * flattened by anti-diagonals (SCALE-Sim's fix for its issues 15/16), the others row-major.
 */
final class FetchSets {
    /** The address of prefetch-matrix entry (row, col), dense from 0, or -1 for padding / out of bounds. */
    interface Entries {
        long address(long row, long col);
    }

    // Addresses that may repeat: CSR, the sets of address a are set[start[a] .. start[a+1]).
    // Unique addresses: start == null and set[a] is a's only set (-1 if absent).
    // Whole stream inside the window: both null, every lookup hits.
    private final int[] start;
    private final int[] set;
    final long setCount;
    final long streamLength;     // entries in the flattened stream, -1 padding included

    /**
     * @param windowSets the read buffer's active window in sets: when the whole stream fits in it, no
     *                   lookup can miss, so only the set count is computed (no per-address index)
     */
    FetchSets(long rows, long width, boolean antiDiagonal, long addressSpace, long setSize, long windowSets,
              boolean unique, Entries e) {
        streamLength = rows * width;
        // Fits-in-window check on the padded length first: valid entries never exceed it.
        if (streamLength / setSize + 1 <= windowSets) {
            long valid = forEach(rows, width, false, e, (addr, idx) -> { });
            setCount = valid / setSize + 1;
            start = null;
            set = null;
            return;
        }
        if (addressSpace > Integer.MAX_VALUE - 1 || streamLength > Integer.MAX_VALUE) {
            // Input problem, not a bug: reported as one line by the CLI.
            throw org.arrayflow.config.ConfigException.of("--stall-model scalesim", "operand stream of "
                    + rows + " x " + width + " entries is too large for the SCALE-Sim stall emulation");
        }
        if (unique) {
            // Each address appears at most once (filters, GEMM ifmaps): one pass, one set per address.
            int[] only = new int[(int) addressSpace];
            java.util.Arrays.fill(only, -1);
            long valid = forEach(rows, width, antiDiagonal, e, (addr, idx) -> only[(int) addr] = (int) (idx / setSize));
            start = null;
            set = only;
            setCount = valid / setSize + 1;
            return;
        }
        int[] count = new int[(int) addressSpace + 1];
        long valid = forEach(rows, width, antiDiagonal, e, (addr, idx) -> count[(int) addr + 1]++);
        for (int a = 0; a < addressSpace; a++) {
            count[a + 1] += count[a];
        }
        start = count;
        set = new int[(int) valid];
        int[] fill = new int[(int) addressSpace];
        forEach(rows, width, antiDiagonal, e, (addr, idx) -> {
            int a = (int) addr;
            set[start[a] + fill[a]++] = (int) (idx / setSize);
        });
        // SCALE-Sim closes a set when it is full and always appends the one being filled, even if empty.
        setCount = valid / setSize + 1;
    }

    private interface Sink {
        void accept(long addr, long validIndex);
    }

    /** Walks the stream in delivery order; returns the number of valid entries. */
    private static long forEach(long rows, long width, boolean antiDiagonal, Entries e, Sink sink) {
        long idx = 0;
        if (!antiDiagonal) {
            for (long r = 0; r < rows; r++) {
                for (long c = 0; c < width; c++) {
                    long a = e.address(r, c);
                    if (a >= 0) {
                        sink.accept(a, idx++);
                    }
                }
            }
            return idx;
        }
        for (long d = 0; d < rows + width - 1; d++) {
            long hi = Math.min(d, rows - 1);
            long lo = Math.max(0, d - width + 1);
            for (long r = hi; r >= lo; r--) {
                long a = e.address(r, d - r);
                if (a >= 0) {
                    sink.accept(a, idx++);
                }
            }
        }
        return idx;
    }

    /** True if a set holding {@code addr} lies in the window of {@code span} sets starting at {@code first} (cyclic). */
    boolean inWindow(long addr, long first, long span) {
        if (set == null) {
            return true;
        }
        int a = (int) addr;
        if (start == null) {
            long rel = set[a] - first;
            if (rel < 0) {
                rel += setCount;
            }
            return rel < span;
        }
        for (int i = start[a]; i < start[a + 1]; i++) {
            long rel = set[i] - first;
            if (rel < 0) {
                rel += setCount;
            }
            if (rel < span) {
                return true;
            }
        }
        return false;
    }

    /** True if the address appears in the stream at all (a demand for anything else could never be served). */
    boolean contains(long addr) {
        if (set == null) {
            return true;
        }
        if (start == null) {
            return set[(int) addr] >= 0;
        }
        return start[(int) addr + 1] > start[(int) addr];
    }
}
