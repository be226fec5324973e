package org.arrayflow.scalesim;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

/**
 * SCALE-Sim's operand matrices as address functions (docs/scalesim-notes.md section 1), dense from 0 per
 * operand (its base offsets do not matter inside one buffer): the M x K ifmap (im2col, NHWC, channel
 * fastest; -1 where a window overhangs the ifmap) and the K x N filter at {@code n*K + k}.
 */
record OperandAddresses(long m, long k, long n, int h, int w, int c, int fh, int fw, int stride, int ew,
                        boolean gemm) {

    static OperandAddresses of(Layer layer, long m, long k, long n) {
        Window win = layer.window();
        // a transposed convolution's operand is its input as stored, read as a plain GEMM (no im2col)
        if (win == null || layer.kind() == LayerKind.CONV_TRANSPOSE) {
            return new OperandAddresses(m, k, n, 0, 0, 0, 0, 0, 0, 0, true);
        }
        Shape in = layer.input();
        return new OperandAddresses(m, k, n, in.height(), in.width(), in.channels(), win.kh(), win.kw(), win.sh(),
                layer.output().width(), false);
    }

    long ifmapSpace() {
        return gemm ? m * k : (long) h * w * c;
    }

    long filterSpace() {
        return k * n;
    }

    /** Address of im2col entry (output pixel i, window element j), or -1 if the window overhangs the ifmap. */
    long ifmap(long i, long j) {
        if (gemm) {
            return i * k + j;
        }
        long r = (i / ew) * stride + j / ((long) fw * c);
        long col = (i % ew) * stride + (j % ((long) fw * c)) / c;
        if (r >= h || col >= w) {
            return -1;
        }
        return (r * w + col) * c + j % c;
    }

    long filter(long kk, long nn) {
        return nn * k + kk;
    }
}
