package org.arrayflow.workload;

/** A sliding window (convolution kernel or pooling window) with stride, symmetric padding and dilation. */
public record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dilation) {
    /** A 1 x 1 window at stride 1: a map applied at every position. */
    public static final Window POINT = new Window(1, 1, 1, 1, 0, 0, 1);

    /** Output rows over {@code h} input rows (0 or less: the window does not fit), in longs: no int wraps. */
    public long outHeight(int h) {
        return Math.floorDiv(h + 2L * ph - extentH(), sh) + 1;
    }

    public long outWidth(int w) {
        return Math.floorDiv(w + 2L * pw - extentW(), sw) + 1;
    }

    /** Rows the dilated window spans: D(K − 1) + 1. */
    public long extentH() {
        return (long) dilation * (kh - 1) + 1;
    }

    public long extentW() {
        return (long) dilation * (kw - 1) + 1;
    }

    public int area() {
        return kh * kw;
    }

    @Override
    public String toString() {
        String s = kh + "x" + kw + (sh == sw ? "/" + sh : "/" + sh + "," + sw);
        if (ph != 0 || pw != 0) {
            s += " pad " + (ph == pw ? String.valueOf(ph) : ph + "," + pw);
        }
        if (dilation != 1) {
            s += " dil " + dilation;
        }
        return s;
    }
}
