package org.arrayflow.onnx;

import org.arrayflow.onnx.OnnxModel.Attribute;
import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.onnx.OnnxModel.TensorData;

import java.util.Arrays;

/**
 * Ops that compute no layer: constants and shape computation (folded to values at import: Shape, Gather,
 * Concat, Unsqueeze, Cast, arithmetic on constants, ...) and layout ops on computed tensors (Reshape, Flatten,
 * Transpose, Squeeze, Unsqueeze, Slice, Split, Pad, Expand, Gather by constant index, Identity, Dropout, Cast),
 * which change how a tensor is indexed and are free: the next layer reads the data where it lies.
 */
final class ShapeOps {
    private ShapeOps() {}

    /** Handles the node if it is one of these ops; false when it is not (or, for Concat, not on constants). */
    static boolean apply(Importer im, Node n) {
        switch (n.opType()) {
            case "Constant" -> constant(im, n);
            case "ConstantOfShape" -> {
                long[] dims = im.in(n, 0).asLongs();
                Attribute a = n.attr("value");
                double fill = a == null || a.t() == null ? 0 : a.t().floats() != null ? a.t().floats()[0]
                        : a.t().ints()[0];
                int type = a == null || a.t() == null ? OnnxModel.FLOAT : a.t().dataType();
                im.out(n, 0, filled(dims, fill, type));
            }
            case "Shape" -> {
                long[] d = im.in(n, 0).dims();
                int start = (int) axis(n.intAttr("start", 0), d.length, true);
                int end = (int) axis(n.intAttr("end", d.length), d.length, true);
                long[] v = Arrays.copyOfRange(d, start, Math.max(start, end));
                im.out(n, 0, Value.constant(new long[] {v.length}, v));
            }
            case "Size" -> im.out(n, 0, Value.constant(new long[0], new long[] {im.in(n, 0).elements()}));
            case "Identity", "Dropout" -> im.out(n, 0, im.in(n, 0));
            case "Cast" -> im.out(n, 0, cast(im.in(n, 0), (int) n.intAttr("to", OnnxModel.FLOAT)));
            case "Reshape" -> reshape(im, n);
            case "Flatten" -> {
                Value x = im.in(n, 0);
                int ax = (int) axis(n.intAttr("axis", 1), x.rank(), true);
                long a = 1;
                for (int i = 0; i < ax; i++) {
                    a *= x.dims()[i];
                }
                im.out(n, 0, Folding.reshaped(x, new long[] {a, x.elements() / Math.max(1, a)}));
            }
            case "Squeeze", "Unsqueeze" -> squeeze(im, n);
            case "Transpose" -> {
                Value x = im.in(n, 0);
                long[] p = n.intsAttr("perm");
                int[] perm = new int[x.rank()];
                long[] out = new long[x.rank()];
                for (int i = 0; i < perm.length; i++) {
                    perm[i] = p == null ? perm.length - 1 - i : (int) p[i];
                    out[i] = x.dims()[perm[i]];
                }
                im.out(n, 0, x.isConstant() ? Folding.transpose(x, perm, out) : Folding.reshaped(x, out));
            }
            case "Slice" -> SliceOps.slice(im, n);
            case "Split" -> SliceOps.split(im, n);
            case "Pad" -> SliceOps.pad(im, n);
            case "Expand" -> SliceOps.expand(im, n);
            case "Range" -> {
                double s = im.in(n, 0).asDoubles()[0];
                double l = im.in(n, 1).asDoubles()[0];
                double d = im.in(n, 2).asDoubles()[0];
                int count = (int) Math.max(0, Math.ceil((l - s) / d));
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (long) (s + i * d);
                }
                im.out(n, 0, Value.constant(new long[] {count}, v));
            }
            case "Gather" -> {
                return SliceOps.gather(im, n);
            }
            case "Concat" -> {
                return concat(im, n);
            }
            default -> {
                return false;
            }
        }
        im.counts.foldedNodes++;
        return true;
    }

    /** An axis in 0..rank-1 (0..rank with {@code end}), negatives counting from the end. */
    static long axis(long a, int rank, boolean end) {
        long v = a < 0 ? a + rank : a;
        return Math.max(0, Math.min(end ? rank : rank - 1, v));
    }

    private static void constant(Importer im, Node n) {
        Attribute a = n.attributes().values().iterator().next();
        Value v;
        switch (a.name()) {
            case "value" -> v = fromTensor(a.t());
            case "value_float" -> v = Value.constant(new long[0], new double[] {a.f()}, OnnxModel.FLOAT);
            case "value_floats" -> {
                double[] d = new double[a.floats().length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = a.floats()[i];
                }
                v = Value.constant(new long[] {d.length}, d, OnnxModel.FLOAT);
            }
            case "value_int" -> v = Value.constant(new long[0], new long[] {a.i()});
            case "value_ints" -> v = Value.constant(new long[] {a.ints().length}, a.ints());
            default -> throw im.error(n, "a Constant given by '" + a.name() + "' is not supported");
        }
        im.out(n, 0, v);
    }

    /** A stored tensor as a value: a constant when its values were read, else a weight known by its dims. */
    static Value fromTensor(TensorData t) {
        if (t.ints() != null) {
            return new Value(t.dims(), t.dataType(), t.ints(), null, null, false, null);
        }
        if (t.floats() != null) {
            return Value.constant(t.dims(), t.floats(), t.dataType());
        }
        return new Value(t.dims(), t.dataType(), null, null, null, true, null);
    }

    private static Value filled(long[] dims, double fill, int type) {
        int n = (int) Folding.elements(dims);
        if (OnnxWire.isFloat(type)) {
            double[] v = new double[n];
            Arrays.fill(v, fill);
            return Value.constant(dims, v, type);
        }
        long[] v = new long[n];
        Arrays.fill(v, (long) fill);
        return new Value(dims, type, v, null, null, false, null);
    }

    private static Value cast(Value x, int to) {
        if (x.isConstant() && !OnnxWire.isFloat(to) && x.floats() != null) {
            return new Value(x.dims(), to, x.asLongs(), null, null, false, null);
        }
        if (x.isConstant() && OnnxWire.isFloat(to) && x.ints() != null) {
            return Value.constant(x.dims(), x.asDoubles(), to);
        }
        return x.withType(to);
    }

    private static void reshape(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] shape = n.inputs().size() > 1 ? constantOf(im, n, 1, "shape").asLongs() : n.intsAttr("shape");
        boolean allowZero = n.intAttr("allowzero", 0) == 1;
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                out[i] = x.dims()[i];
            }
            if (out[i] == -1) {
                infer = i;
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.elements() % known != 0) {
                throw im.error(n, "cannot reshape " + Value.dimsText(x.dims()) + " to " + Value.dimsText(shape));
            }
            out[infer] = x.elements() / known;
        }
        if (Folding.elements(out) != x.elements()) {
            throw im.error(n, "cannot reshape " + Value.dimsText(x.dims()) + " to " + Value.dimsText(shape));
        }
        im.out(n, 0, Folding.reshaped(x, out));
    }

    private static void squeeze(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] axes = n.inputs().size() > 1 && !n.input(1).isEmpty() ? constantOf(im, n, 1, "axes").asLongs()
                : n.intsAttr("axes");
        long[] out;
        if (n.opType().equals("Squeeze")) {
            boolean[] drop = new boolean[x.rank()];
            for (int i = 0; i < x.rank(); i++) {
                drop[i] = axes == null && x.dims()[i] == 1;
            }
            if (axes != null) {
                for (long a : axes) {
                    drop[(int) axis(a, x.rank(), false)] = true;
                }
            }
            out = java.util.stream.IntStream.range(0, x.rank()).filter(i -> !drop[i]).mapToLong(i -> x.dims()[i])
                    .toArray();
        } else {
            int r = x.rank() + axes.length;
            boolean[] add = new boolean[r];
            for (long a : axes) {
                add[(int) axis(a, r, false)] = true;
            }
            out = new long[r];
            for (int i = 0, j = 0; i < r; i++) {
                out[i] = add[i] ? 1 : x.dims()[j++];
            }
        }
        im.out(n, 0, Folding.reshaped(x, out));
    }

    private static boolean concat(Importer im, Node n) {
        Value[] parts = new Value[n.inputs().size()];
        boolean constant = true;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = im.in(n, i);
            constant &= parts[i].isConstant();
        }
        if (!constant) {
            return false;
        }
        im.out(n, 0, Folding.concat(parts, (int) axis(n.intAttr("axis", 0), parts[0].rank(), false),
                concatDims(im, n, parts)));
        im.counts.foldedNodes++;
        return true;
    }

    /** The dims of a concatenation, checked: equal except along the axis. */
    static long[] concatDims(Importer im, Node n, Value[] parts) {
        int ax = (int) axis(n.intAttr("axis", 0), parts[0].rank(), false);
        long[] out = parts[0].dims().clone();
        for (int i = 1; i < parts.length; i++) {
            long[] d = parts[i].dims();
            for (int k = 0; k < out.length; k++) {
                if (k != ax && (d.length != out.length || d[k] != out[k])) {
                    throw im.error(n, "cannot concatenate " + Value.dimsText(parts[0].dims()) + " and "
                            + Value.dimsText(d) + " along axis " + ax);
                }
            }
            out[ax] += d[ax];
        }
        return out;
    }

    /** Input {@code i}, which must be a constant (a shape, axes, pads...). */
    static Value constantOf(Importer im, Node n, int i, String what) {
        Value v = im.in(n, i);
        if (v == null || !v.isConstant()) {
            throw im.error(n, "its " + what + " input '" + n.input(i) + "' is not a constant, so its output shape "
                    + "cannot be known before running the model");
        }
        return v;
    }
}
