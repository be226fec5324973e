package org.arrayflow.onnx;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Arithmetic on constant tensors, as ONNX defines it (numpy broadcasting), for the shape-computation
 * subgraphs that are evaluated at import rather than simulated. Integers stay integers (ONNX's integer
 * division truncates), floats stay floats.
 */
final class Folding {
    private Folding() {}

    /** The broadcast of two shapes (numpy rules), or null when they do not broadcast. */
    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    /** The flat index into a tensor of dims {@code d} that broadcasts to {@code out} at flat index {@code k}. */
    static int sourceIndex(long[] d, long[] out, long k) {
        long idx = 0;
        long stride = 1;
        long rest = k;
        int off = out.length - d.length;
        long[] pos = new long[out.length];
        for (int i = out.length - 1; i >= 0; i--) {
            pos[i] = rest % out[i];
            rest /= out[i];
        }
        for (int i = d.length - 1; i >= 0; i--) {
            long p = d[i] == 1 ? 0 : pos[i + off];
            idx += p * stride;
            stride *= d[i];
        }
        return (int) idx;
    }

    static long elements(long[] d) {
        long n = 1;
        for (long x : d) {
            n *= x;
        }
        return n;
    }

    /** Element-wise binary op with broadcasting; integer results when both are integers. */
    static Value binary(Value a, Value b, DoubleBinaryOperator f, boolean integerTruncates) {
        long[] out = broadcast(a.dims(), b.dims());
        if (out == null || elements(out) > OnnxWire.MAX_VALUES) {
            return null;
        }
        int n = (int) elements(out);
        if (a.ints() != null && b.ints() != null) {
            long[] v = new long[n];
            for (int k = 0; k < n; k++) {
                double r = f.applyAsDouble(a.ints()[sourceIndex(a.dims(), out, k)], b.ints()[sourceIndex(b.dims(), out, k)]);
                v[k] = integerTruncates ? (long) r : Math.round(r);
            }
            return new Value(out, a.type(), v, null, null, false, null);
        }
        double[] x = a.asDoubles();
        double[] y = b.asDoubles();
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = f.applyAsDouble(x[sourceIndex(a.dims(), out, k)], y[sourceIndex(b.dims(), out, k)]);
        }
        return Value.constant(out, v, a.floats() != null ? a.type() : b.type());
    }

    static Value unary(Value a, DoubleUnaryOperator f) {
        if (a.ints() != null) {
            long[] v = new long[a.ints().length];
            for (int k = 0; k < v.length; k++) {
                v[k] = (long) f.applyAsDouble(a.ints()[k]);
            }
            return new Value(a.dims(), a.type(), v, null, null, false, null);
        }
        double[] v = new double[a.floats().length];
        for (int k = 0; k < v.length; k++) {
            v[k] = f.applyAsDouble(a.floats()[k]);
        }
        return Value.constant(a.dims(), v, a.type());
    }

    /** The values of {@code a} laid out again with other dims (Reshape, Squeeze, ... of a constant). */
    static Value reshaped(Value a, long[] dims) {
        return new Value(dims, a.type(), a.ints(), a.floats(), a.source(), a.weight(), a.quant());
    }

    /** Gathers along {@code axis} of a constant with constant indices. */
    static Value gather(Value data, long[] idx, long[] idxDims, int axis, long[] outDims) {
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= data.dims()[i];
        }
        long inner = 1;
        for (int i = axis + 1; i < data.rank(); i++) {
            inner *= data.dims()[i];
        }
        long len = data.dims()[axis];
        int n = (int) elements(outDims);
        long[] li = data.ints() == null ? null : new long[n];
        double[] lf = data.ints() == null ? new double[n] : null;
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (long j : idx) {
                long jj = j < 0 ? j + len : j;
                for (long in = 0; in < inner; in++) {
                    int from = (int) ((o * len + jj) * inner + in);
                    if (li != null) {
                        li[k++] = data.ints()[from];
                    } else {
                        lf[k++] = data.floats()[from];
                    }
                }
            }
        }
        return new Value(outDims, data.type(), li, lf, null, false, null);
    }

    /** Slices a constant: per axis start, end (exclusive), step, already clamped. */
    static Value slice(Value data, long[] start, long[] step, long[] outDims) {
        int n = (int) elements(outDims);
        long[] li = data.ints() == null ? null : new long[n];
        double[] lf = data.ints() == null ? new double[n] : null;
        int r = data.rank();
        for (int k = 0; k < n; k++) {
            long rest = k;
            long from = 0;
            long stride = 1;
            long[] pos = new long[r];
            for (int i = r - 1; i >= 0; i--) {
                pos[i] = rest % outDims[i];
                rest /= outDims[i];
            }
            for (int i = r - 1; i >= 0; i--) {
                from += (start[i] + pos[i] * step[i]) * stride;
                stride *= data.dims()[i];
            }
            if (li != null) {
                li[k] = data.ints()[(int) from];
            } else {
                lf[k] = data.floats()[(int) from];
            }
        }
        return new Value(outDims, data.type(), li, lf, null, false, null);
    }

    /** Concatenates constants along {@code axis}. */
    static Value concat(Value[] parts, int axis, long[] outDims) {
        int n = (int) elements(outDims);
        boolean ints = true;
        for (Value p : parts) {
            ints &= p.ints() != null;
        }
        long[] li = ints ? new long[n] : null;
        double[] lf = ints ? null : new double[n];
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= outDims[i];
        }
        int k = 0;
        for (long o = 0; o < outer; o++) {
            for (Value p : parts) {
                long chunk = 1;
                for (int i = axis; i < p.rank(); i++) {
                    chunk *= p.dims()[i];
                }
                for (long c = 0; c < chunk; c++) {
                    int from = (int) (o * chunk + c);
                    if (ints) {
                        li[k++] = p.ints()[from];
                    } else {
                        lf[k++] = p.asDoubles()[from];
                    }
                }
            }
        }
        return new Value(outDims, parts[0].type(), li, lf, null, false, null);
    }

    /** Transposes a constant by {@code perm}. */
    static Value transpose(Value a, int[] perm, long[] outDims) {
        int n = (int) elements(outDims);
        int r = a.rank();
        long[] stride = new long[r];
        long s = 1;
        for (int i = r - 1; i >= 0; i--) {
            stride[i] = s;
            s *= a.dims()[i];
        }
        long[] li = a.ints() == null ? null : new long[n];
        double[] lf = a.ints() == null ? new double[n] : null;
        for (int k = 0; k < n; k++) {
            long rest = k;
            long from = 0;
            for (int i = r - 1; i >= 0; i--) {
                long p = rest % outDims[i];
                rest /= outDims[i];
                from += p * stride[perm[i]];
            }
            if (li != null) {
                li[k] = a.ints()[(int) from];
            } else {
                lf[k] = a.floats()[(int) from];
            }
        }
        return new Value(outDims, a.type(), li, lf, null, false, null);
    }
}
