package org.arrayflow.scalesim;

/**
 * SCALE-Sim v2's ofmap write buffer (docs/scalesim-notes.md section 6): outputs are packed into lines of
 * {@code bw} words; when the buffer holds more than its drain half and no drain is in flight, the partial
 * line is closed (padded) and the next {@code ceil(drain/bw)} lines drain at one line per cycle. While a
 * drain is in flight and the buffer is full, the array waits for it. A drain counts whole lines except the
 * padding of its last line, as SCALE-Sim does.
 *
 * <p>Lines are not stored: only their number and the few partial ones (closed at each drain start).
 */
final class WriteBufferEmulator {
    private final long words;
    private final long active;
    private final long drainLines;
    private final long bw;

    private long free;
    private long fullLines;          // lines closed so far (full or padded)
    private long lineFill;           // entries in the open line
    private long drainedLines;       // lines handed to DRAM so far
    private long drainEnd;
    private long dramWords;
    private long dramStart = Long.MAX_VALUE;
    private long dramStop = Long.MIN_VALUE;
    // Closed partial lines not yet drained: index and valid entries, in order.
    private long[] partialIdx = new long[16];
    private long[] partialValid = new long[16];
    private int partialHead;
    private int partialTail;

    WriteBufferEmulator(long bufferWords, long bw) {
        this.words = bufferWords;
        this.active = (bufferWords + 1) / 2;
        this.drainLines = ReadBufferEmulator.ceilDiv(bufferWords - active, bw);
        this.bw = bw;
        this.free = bufferWords;
    }

    /** Writes {@code n} outputs issued at {@code cycle}; returns the row's out-cycle. */
    long serviceRow(long cycle, long n) {
        long cur = cycle;
        for (long i = 0; i < n; i++) {
            lineFill++;
            free--;
            if (lineFill == bw) {
                fullLines++;
                lineFill = 0;
            }
            if (cur < drainEnd) {
                if (free <= 0) {
                    cur = drainEnd;
                }
            } else if (free < active) {
                // Starting a drain does not hold the array (only a full buffer does): that is the
                // reading that reproduces SCALE-Sim's WS and IS goldens (stalls 41248 and 5777).
                closePartialLine();
                drainEnd = drain(cur);
            }
        }
        return cur;
    }

    /** Drains everything left, chunk after chunk, from {@code cycle} on (after the last demand row). */
    void flush(long cycle) {
        closePartialLine();
        while (drainedLines < fullLines) {
            drainEnd = drain(cycle);
            cycle = drainEnd + 1;
        }
    }

    private void closePartialLine() {
        if (lineFill == 0) {
            return;
        }
        if (partialTail == partialIdx.length) {
            partialIdx = java.util.Arrays.copyOf(partialIdx, partialTail * 2);
            partialValid = java.util.Arrays.copyOf(partialValid, partialTail * 2);
        }
        partialIdx[partialTail] = fullLines;
        partialValid[partialTail++] = lineFill;
        fullLines++;
        lineFill = 0;
    }

    private long drain(long startCycle) {
        long first = drainedLines;
        long end = Math.min(first + drainLines, fullLines);
        long n = end - first;
        long size = n * bw;
        // Only the last line's padding is discounted; padded lines earlier in the chunk count in full.
        while (partialHead < partialTail && partialIdx[partialHead] < end - 1) {
            partialHead++;
        }
        if (partialHead < partialTail && partialIdx[partialHead] == end - 1) {
            size -= bw - partialValid[partialHead];
            partialHead++;
        }
        dramWords += size;
        free += size;
        drainedLines = end;
        long stop = startCycle + n - 1;
        dramStart = Math.min(dramStart, startCycle);
        dramStop = Math.max(dramStop, stop);
        return stop;
    }

    long dramWords() {
        return dramWords;
    }

    long dramStart() {
        return dramStart == Long.MAX_VALUE ? 0 : dramStart;
    }

    long dramStop() {
        return dramStop == Long.MIN_VALUE ? 0 : dramStop;
    }

    long bufferWords() {
        return words;
    }
}
