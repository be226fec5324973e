package org.arrayflow.scalesim;

/**
 * SCALE-Sim v2's double-buffered read buffer in USER mode (docs/scalesim-notes.md section 6), replayed
 * from its rules: half the buffer is the active window over the fetch stream's sets, the other half is
 * being prefetched. A demanded address outside the window rotates the window forward by the prefetch
 * half (in fetch order, wrapping) and issues the next fetch of whole {@code bw}-word lines, back to back
 * after the previous fetch. Every fetched line counts {@code bw} words, padding included.
 *
 * <p>Stall bookkeeping per demand row follows SCALE-Sim's: the row's offset starts at the hit latency (1);
 * after each fetch it moves by {@code p = lastResponse - (cycle + offset)}, and by {@code p} once more when
 * {@code p > 0} (SCALE-Sim issue 130; its golden reports need it).
 */
final class ReadBufferEmulator {
    private final FetchSets sets;
    private final long bw;
    private final long activeSets;
    private final long prefetchSets;
    private final long fillLines;
    private final long fetchLines;

    private boolean filled;
    private long windowStart;
    private long lastResponse;
    private long dramWords;
    private long dramStart;
    private long fetches;

    ReadBufferEmulator(FetchSets sets, long bufferWords, long bw, long setSize) {
        this.sets = sets;
        this.bw = bw;
        long active = (bufferWords + 1) / 2;           // ceil(0.5 * words)
        long other = bufferWords - active;
        this.activeSets = Math.min(ceilDiv(active, setSize), sets.setCount);
        this.prefetchSets = Math.min(ceilDiv(other, setSize), sets.setCount - activeSets);
        long lines = ceilDiv(sets.streamLength, bw);
        this.fillLines = Math.min(ceilDiv(active, bw), lines);
        this.fetchLines = ceilDiv(other, bw);
    }

    /**
     * Serves one demand row issued at {@code cycle}; returns the row's offset (out-cycle - cycle), which
     * is the hit latency 1 unless the row forced fetches.
     */
    long serviceRow(long cycle, long[] addrs, int n) {
        if (!filled) {
            // The active half is filled before the first row: responses at -fillLines .. -1.
            filled = true;
            dramWords += fillLines * bw;
            dramStart = -fillLines;
            lastResponse = -1;
        }
        long offset = 1;
        for (int i = 0; i < n; i++) {
            long a = addrs[i];
            if (!sets.contains(a)) {
                throw new IllegalStateException("address " + a + " is not in the fetch stream");
            }
            while (!sets.inWindow(a, windowStart, activeSets)) {
                windowStart = (windowStart + prefetchSets) % sets.setCount;
                dramWords += fetchLines * bw;
                lastResponse += fetchLines + 1;
                fetches++;
                long p = lastResponse - (cycle + offset);
                offset += p;
                if (p > 0) {
                    offset += p;
                }
            }
        }
        return offset;
    }

    long dramWords() {
        return dramWords;
    }

    long dramStart() {
        return filled ? dramStart : 0;
    }

    long dramStop() {
        return filled ? lastResponse : 0;
    }

    long fetches() {
        return fetches;
    }

    /** Sets in the active window before capping at the stream's set count: ceil(ceil(words / 2) / setSize). */
    static long windowSets(long bufferWords, long setSize) {
        return ceilDiv((bufferWords + 1) / 2, setSize);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
