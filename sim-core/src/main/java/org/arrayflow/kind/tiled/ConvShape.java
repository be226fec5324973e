package org.arrayflow.kind.tiled;

import org.arrayflow.workload.Gemm;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Problem;
import org.arrayflow.workload.Window;

/**
 * A matrix layer seen as Zhang's convolution loop nest, a view of its canonical {@link Problem}, per image and
 * per group: M output channels, N input channels, an R x C output map, a K x K kernel (dilated extent
 * {@code keffH x keffW}) at stride S with padding P over an H x W input (Zhang's letters: M = the problem's K,
 * N = its C, R x C = its P x Q). Fully connected layers are 1 x 1 maps with 1 x 1 kernels over the flattened
 * input; matrix products (linear, gemm, matmul) are R x 1 maps, one row per row of their GEMM.
 * {@code instances} repeats the nest (groups x batch, or GEMM count).
 */
public record ConvShape(int m, int n, int r, int c, int kh, int kw, int sh, int sw, int ph, int pw, int dilation,
                        int h, int w, long instances) {

    public static ConvShape of(Layer layer) {
        Problem p = layer.problem();
        if (p.kind() == LayerKind.CONV2D) {
            Window win = p.window();
            return new ConvShape(p.k(), p.c(), p.p(), p.q(), win.kh(), win.kw(), win.sh(), win.sw(), win.ph(), win.pw(),
                    win.dilation(), p.h(), p.w(), (long) p.g() * p.n());
        }
        if (p.kind() == LayerKind.FC) {
            int in = (int) Math.min(Integer.MAX_VALUE, (long) p.c() * p.h() * p.w());
            return new ConvShape(p.k(), in, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, p.n());
        }
        Gemm gm = p.gemms().get(0);
        int rows = (int) Math.min(Integer.MAX_VALUE, gm.m());
        return new ConvShape((int) gm.n(), (int) gm.k(), rows, 1, 1, 1, 1, 1, 0, 0, 1, rows, 1, gm.count());
    }

    public int keffH() {
        return dilation * (kh - 1) + 1;
    }

    public int keffW() {
        return dilation * (kw - 1) + 1;
    }

    public long kernelArea() {
        return (long) kh * kw;
    }

    /** MACs of the whole layer (all instances). */
    public long macs() {
        return (long) m * n * kernelArea() * r * c * instances;
    }

    public long weightWords() {
        return (long) m * n * kernelArea();
    }

    /** Input rows an output-row range [r0, r0+rows) reads, clipped to the map (padding is not stored). */
    public int inputRows(int r0, int rows) {
        return span(r0, rows, sh, ph, keffH(), h);
    }

    public int inputCols(int c0, int cols) {
        return span(c0, cols, sw, pw, keffW(), w);
    }

    /** Input rows an output tile of {@code rows} rows needs at most (unclipped). */
    public int inputRowsMax(int rows) {
        return Math.min(h, (rows - 1) * sh + keffH());
    }

    public int inputColsMax(int cols) {
        return Math.min(w, (cols - 1) * sw + keffW());
    }

    static int span(int o0, int len, int stride, int pad, int keff, int size) {
        long lo = (long) o0 * stride - pad;
        long hi = (long) (o0 + len - 1) * stride - pad + keff - 1;
        lo = Math.max(0, lo);
        hi = Math.min(size - 1, hi);
        return (int) Math.max(0, hi - lo + 1);
    }

    /** Input rows all row tiles of {@code rows} output rows read, summed ({@link #inputRows} of each tile). */
    public long inputRowsSum(int rows) {
        return spanSum(r, rows, sh, ph, keffH(), h);
    }

    public long inputColsSum(int cols) {
        return spanSum(c, cols, sw, pw, keffW(), w);
    }

    /**
     * The spans of every tile of {@code t} outputs over {@code out}, summed, in time independent of the tile count:
     * a tile clipped by neither edge of the map and not the last spans (t − 1)·stride + keff inputs, so only the
     * tiles the padding clips (about pad / (t·stride) at each edge) and the last one are summed one by one.
     * A loop over every tile made the tiling search hang on a 10^7-wide layer (issue #18 item 6).
     */
    static long spanSum(int out, int t, int stride, int pad, int keff, int size) {
        long tiles = (out + (long) t - 1) / t;
        long step = (long) t * stride;
        long first = Math.min(tiles - 1, (pad + step - 1) / step);             // first tile the top edge does not clip
        long last = Math.min(tiles - 2, ((long) size - keff + pad + stride) / step - 1); // last one the bottom does not
        long sum = 0;
        long i = 0;
        if (first <= last) {
            for (; i < first; i++) {
                sum += tileSpan(i, out, t, stride, pad, keff, size);
            }
            sum += (last - first + 1) * ((long) (t - 1) * stride + keff);
            i = last + 1;
        }
        for (; i < tiles; i++) {
            sum += tileSpan(i, out, t, stride, pad, keff, size);
        }
        return sum;
    }

    private static long tileSpan(long i, int out, int t, int stride, int pad, int keff, int size) {
        long o0 = i * t;
        long len = Math.min(t, out - o0);
        long lo = Math.max(0, o0 * stride - pad);
        long hi = Math.min(size - 1, (o0 + len - 1) * stride - pad + keff - 1);
        return Math.max(0, hi - lo + 1);
    }
}
