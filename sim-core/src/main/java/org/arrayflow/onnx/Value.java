package org.arrayflow.onnx;

import org.arrayflow.tensor.Datatype;

import java.util.Arrays;

/**
 * A tensor as the importer follows it through the graph: its dims, element type, and either its values (a
 * constant, folded at import: shapes, indices, small tables) or where it comes from (the layer that produced
 * it, or the network input), plus the datatype it was quantised to, when a QuantizeLinear or a quantised op
 * made it one.
 *
 * @param dims     the full ONNX shape, batch dimension included
 * @param ints     integer values of a constant, else null
 * @param floats   floating-point values of a constant, else null
 * @param source   the layer (or "input") a computed tensor comes from; null for constants
 * @param weight   whether this is a stored weight (an initializer, possibly dequantised or cast)
 * @param quant    the integer datatype the tensor holds or was dequantised from, else null
 */
record Value(long[] dims, int type, long[] ints, double[] floats, String source, boolean weight, Datatype quant) {

    static Value constant(long[] dims, long[] ints) {
        return new Value(dims, OnnxModel.INT64, ints, null, null, false, null);
    }

    static Value constant(long[] dims, double[] floats, int type) {
        return new Value(dims, type, null, floats, null, false, null);
    }

    static Value computed(long[] dims, int type, String source) {
        return new Value(dims, type, null, null, source, false, null);
    }

    boolean isConstant() {
        return ints != null || floats != null;
    }

    /** Whether its values are known, or it is a stored weight (whose values are not needed). */
    boolean isStatic() {
        return isConstant() || weight;
    }

    int rank() {
        return dims.length;
    }

    long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    long dim(int axis) {
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    /** The values as integers (floats truncated), for a constant. */
    long[] asLongs() {
        if (ints != null) {
            return ints;
        }
        long[] v = new long[floats.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) floats[i];
        }
        return v;
    }

    double[] asDoubles() {
        if (floats != null) {
            return floats;
        }
        double[] v = new double[ints.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ints[i];
        }
        return v;
    }

    Value withDims(long[] d) {
        return new Value(d, type, ints, floats, source, weight, quant);
    }

    Value withSource(String s) {
        return new Value(dims, type, ints, floats, s, weight, quant);
    }

    Value withQuant(Datatype q) {
        return new Value(dims, type, ints, floats, source, weight, q);
    }

    Value withType(int t) {
        return new Value(dims, t, ints, floats, source, weight, quant);
    }

    static String dimsText(long[] dims) {
        return Arrays.toString(dims);
    }
}
