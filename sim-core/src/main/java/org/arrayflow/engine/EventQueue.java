package org.arrayflow.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, insertion sequence): events at the same time come
 * out in the order they were scheduled, so runs are deterministic.
 */
final class EventQueue {
    private long[] time = new long[256];
    private long[] seq = new long[256];
    private int[] payload = new int[256];
    private int size;
    private long nextSeq;

    void push(long t, int p) {
        if (size == time.length) {
            time = Arrays.copyOf(time, size * 2);
            seq = Arrays.copyOf(seq, size * 2);
            payload = Arrays.copyOf(payload, size * 2);
        }
        int i = size++;
        long s = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (less(t, s, time[parent], seq[parent])) {
                time[i] = time[parent];
                seq[i] = seq[parent];
                payload[i] = payload[parent];
                i = parent;
            } else {
                break;
            }
        }
        time[i] = t;
        seq[i] = s;
        payload[i] = p;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long peekTime() {
        return time[0];
    }

    /** Removes the earliest event and returns its payload. */
    int pop() {
        int result = payload[0];
        size--;
        if (size > 0) {
            long t = time[size];
            long s = seq[size];
            int p = payload[size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int r = l + 1;
                int c = (r < size && less(time[r], seq[r], time[l], seq[l])) ? r : l;
                if (less(time[c], seq[c], t, s)) {
                    time[i] = time[c];
                    seq[i] = seq[c];
                    payload[i] = payload[c];
                    i = c;
                } else {
                    break;
                }
            }
            time[i] = t;
            seq[i] = s;
            payload[i] = p;
        }
        return result;
    }

    /** Pending events in the order they will come out: time then payload, one pair each. */
    long[] inOrder() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> less(time[a], seq[a], time[b], seq[b]) ? -1 : a.equals(b) ? 0 : 1);
        long[] out = new long[2 * size];
        for (int i = 0; i < size; i++) {
            out[2 * i] = time[idx[i]];
            out[2 * i + 1] = payload[idx[i]];
        }
        return out;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
