package org.arrayflow.onnx;

import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Activation;
import org.arrayflow.workload.Interpolation;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The ops that become vector work, or vanish into a fusion: activations (fused into the layer that produced
 * their input when it has no other reader), BatchNormalization (fused into a preceding convolution), a bias
 * Add after a matrix layer (its bias), element-wise arithmetic (folded when every input is a constant),
 * Softmax, LayerNormalization, reductions, Resize / Upsample, Concat of computed tensors, Gather from a
 * weight table (an embedding), and QuantizeLinear / DequantizeLinear, which only mark datatypes.
 *
 * <p>Element-wise costs: an activation costs what {@link Activation} says; a binary op (Add, Sub, Mul, Div,
 * Pow, Min, Max) is an add layer of one operation per output element; a unary math function (Sqrt, Erf, Neg,
 * Reciprocal, Exp, Abs) and an activation without an entry in {@link Activation} (LeakyRelu) one operation
 * per element; a reduction one per input element.
 */
final class VectorOps {
    private VectorOps() {}

    private static final Map<String, Activation> ACTIVATIONS = Map.of("Relu", Activation.RELU, "Clip",
            Activation.CLIP, "Sigmoid", Activation.SIGMOID, "HardSigmoid", Activation.HARDSIGMOID, "HardSwish",
            Activation.HARDSWISH, "Tanh", Activation.TANH, "Gelu", Activation.GELU);
    private static final Map<String, DoubleBinaryOperator> BINARY = Map.of("Add", Double::sum, "Sub", (a, b) -> a - b,
            "Mul", (a, b) -> a * b, "Div", (a, b) -> a / b, "Pow", Math::pow, "Min", Math::min, "Max", Math::max,
            "Equal", (a, b) -> a == b ? 1 : 0, "Less", (a, b) -> a < b ? 1 : 0, "Greater", (a, b) -> a > b ? 1 : 0);
    private static final Map<String, DoubleUnaryOperator> UNARY = Map.of("Sqrt", Math::sqrt, "Neg", a -> -a,
            "Reciprocal", a -> 1 / a, "Exp", Math::exp, "Abs", Math::abs, "Floor", Math::floor, "Ceil", Math::ceil,
            "Not", a -> a == 0 ? 1 : 0, "Erf", VectorOps::erfApprox, "LeakyRelu", a -> a);

    /** The op types this class handles. */
    static final List<String> OPS = List.of("Relu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Gelu",
            "LeakyRelu", "Add", "Sub", "Mul", "Div", "Pow", "Min", "Max", "Equal", "Less", "Greater", "Where", "Sqrt",
            "Neg", "Reciprocal", "Exp", "Abs", "Floor", "Ceil", "Not", "Erf", "BatchNormalization", "Softmax",
            "LayerNormalization", "ReduceMean", "ReduceSum", "ReduceMax", "Resize", "Upsample", "Concat", "Gather",
            "QuantizeLinear", "DequantizeLinear");

    static boolean apply(Importer im, Node n) {
        String op = n.opType();
        if (!OPS.contains(op)) {
            return false;
        }
        if (foldable(im, n)) {
            return true;
        }
        Value x = im.in(n, 0);
        switch (op) {
            case "QuantizeLinear" -> {
                Value zp = im.in(n, 2);
                im.out(n, 0, x.withQuant(zp == null || zp.type() == OnnxModel.UINT8 || zp.type() == OnnxModel.INT8
                        ? Datatype.INT8 : Datatype.INT16));
                im.counts.quantNodes++;
            }
            case "DequantizeLinear" -> {
                im.out(n, 0, x.withQuant(x.quant() != null ? x.quant() : Datatype.INT8).withType(OnnxModel.FLOAT));
                im.counts.quantNodes++;
            }
            case "BatchNormalization" -> {
                Layer p = im.fusableProducer(n, 0);
                if (p != null && (p.kind() == LayerKind.CONV2D || p.kind() == LayerKind.CONV_TRANSPOSE)) {
                    im.fuse(n, p);
                    im.counts.fusedBatchNorms++;
                } else {
                    vector(im, n, x, (i, name) -> Layers.batchnorm(i, name, Importer.sources(x), im.image(n, x.dims()),
                            im.batch(n, x.dims())));
                }
            }
            case "Softmax", "LayerNormalization" -> vector(im, n, x, (i, name) -> Layers.normalization(i, name,
                    op.equals("Softmax") ? LayerKind.SOFTMAX : LayerKind.LAYERNORM, Importer.sources(x),
                    im.image(n, x.dims()), im.batch(n, x.dims())));
            case "ReduceMean", "ReduceSum", "ReduceMax" -> reduce(im, n, x);
            case "Resize", "Upsample" -> resize(im, n, x);
            case "Concat" -> concat(im, n);
            case "Gather" -> embedding(im, n, x, im.in(n, 1));
            case "Where" -> binary(im, n, im.in(n, 1), im.in(n, 2));
            default -> {
                if (ACTIVATIONS.containsKey(op) || op.equals("LeakyRelu")) {
                    activation(im, n, x);
                } else if (BINARY.containsKey(op)) {
                    binary(im, n, x, im.in(n, 1));
                } else {
                    elementwise(im, n, List.of(x), x.dims(), LayerKind.ACTIVATION, 1);
                }
            }
        }
        return true;
    }

    /** Every input a constant: the op is evaluated now (shape arithmetic), or a static result (weights). */
    private static boolean foldable(Importer im, Node n) {
        List<Value> in = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            Value v = im.in(n, i);
            if (v != null) {
                in.add(v);
            }
        }
        boolean allConstant = in.stream().allMatch(Value::isConstant);
        boolean allStatic = in.stream().allMatch(Value::isStatic);
        if (!allStatic) {
            return false;
        }
        String op = n.opType();
        Value r = null;
        if (allConstant && BINARY.containsKey(op) && in.size() == 2) {
            boolean intDiv = op.equals("Div");
            r = Folding.binary(in.get(0), in.get(1), BINARY.get(op), intDiv);
        } else if (allConstant && UNARY.containsKey(op) && in.size() == 1) {
            r = Folding.unary(in.get(0), UNARY.get(op));
        } else if (allConstant && op.equals("Where")) {
            Value c = in.get(0);
            Value t = Folding.binary(c, in.get(1), (a, b) -> a != 0 ? b : Double.NaN, false);
            r = t == null ? null : Folding.binary(t, in.get(2), (a, b) -> Double.isNaN(a) ? b : a, false);
            if (r != null && in.get(1).ints() != null) {
                r = new Value(r.dims(), in.get(1).type(), r.asLongs(), null, null, false, null);
            }
        }
        if (r == null) {
            // a weight transformed (dequantised, scaled, cast): still a weight, of the first input's dims
            Value w = in.get(0);
            long[] dims = w.dims();
            for (Value v : in) {
                long[] b = Folding.broadcast(dims, v.dims());
                dims = b == null ? dims : b;
            }
            r = new Value(dims, w.type(), null, null, null, true, op.equals("QuantizeLinear")
                    || op.equals("DequantizeLinear") ? Datatype.INT8 : w.quant());
        }
        im.out(n, 0, r);
        im.counts.foldedNodes++;
        return true;
    }

    private static void vector(Importer im, Node n, Value x, Importer.Make make) {
        im.emit(n, x.dims(), null, make);
    }

    private static void activation(Importer im, Node n, Value x) {
        Layer p = im.fusableProducer(n, 0);
        if (p != null) {
            im.fuse(n, p);
            im.counts.fusedActivations++;
            return;
        }
        Activation f = ACTIVATIONS.get(n.opType());
        if (f == null) {
            elementwise(im, n, List.of(x), x.dims(), LayerKind.ACTIVATION, 2); // LeakyRelu: multiply, max
            return;
        }
        vector(im, n, x, (i, name) -> Layers.activation(i, name, Importer.sources(x), im.image(n, x.dims()),
                im.batch(n, x.dims()), f));
    }

    private static void binary(Importer im, Node n, Value a, Value b) {
        long[] out = Folding.broadcast(a.dims(), b.dims());
        if (out == null) {
            throw im.error(n, "shapes " + Value.dimsText(a.dims()) + " and " + Value.dimsText(b.dims())
                    + " do not broadcast");
        }
        Value computed = a.isStatic() ? b : a;
        Value other = a.isStatic() ? a : b;
        if (n.opType().equals("Add") && other.isStatic()) {
            Layer p = im.fusableProducer(n, a.isStatic() ? 1 : 0);
            long perChannel = computed.rank() == 4 ? computed.dim(1) : computed.dim(-1);
            if (p != null && p.kind().isMatrix() && other.elements() == perChannel
                    && java.util.Arrays.equals(out, computed.dims())) {
                im.fuse(n, p);
                im.values.put(n.outputs().get(0), computed); // the layer's output, not the bias
                im.counts.fusedBiases++;
                return;
            }
        }
        if (!a.isStatic() && !b.isStatic() && java.util.Arrays.equals(a.dims(), b.dims())) {
            im.emit(n, out, null, (i, name) -> Layers.add(i, name, Importer.sources(a, b),
                    List.of(im.image(n, a.dims()), im.image(n, b.dims())), im.batch(n, a.dims())));
            return;
        }
        List<Value> in = new ArrayList<>();
        for (Value v : new Value[] {a, b}) {
            if (!v.isStatic()) {
                in.add(v);
            }
        }
        elementwise(im, n, in, out, LayerKind.ADD, 1);
    }

    /** A vector layer of {@code perElement} operations per output element over the computed inputs. */
    static Value elementwise(Importer im, Node n, List<Value> in, long[] out, LayerKind kind, long perElement) {
        List<Shape> shapes = new ArrayList<>();
        for (Value v : in) {
            shapes.add(im.image(n, v.dims()));
        }
        Shape o = im.image(n, out);
        int batch = im.batch(n, out);
        long ops;
        try {
            ops = Math.multiplyExact(Math.multiplyExact(o.elements(), (long) batch), perElement);
        } catch (ArithmeticException e) {
            throw im.error(n, "its element operations do not fit a long");
        }
        return im.emit(n, out, TensorSpecs.DEFAULT, (i, name) -> new Layer(i, name, kind, Importer.sources(in.toArray(
                new Value[0])), shapes, o, batch, null, null, ops, 0, TensorSpecs.DEFAULT));
    }

    private static void reduce(Importer im, Node n, Value x) {
        long[] axes = n.intsAttr("axes");
        if (axes == null && n.inputs().size() > 1 && !n.input(1).isEmpty()) {
            axes = ShapeOps.constantOf(im, n, 1, "axes").asLongs();
        }
        boolean keep = n.intAttr("keepdims", 1) == 1;
        boolean[] reduced = new boolean[x.rank()];
        for (int i = 0; i < x.rank(); i++) {
            reduced[i] = axes == null;
        }
        if (axes != null) {
            for (long a : axes) {
                reduced[(int) ShapeOps.axis(a, x.rank(), false)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            if (!reduced[i]) {
                out.add(x.dims()[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        long[] od = out.stream().mapToLong(Long::longValue).toArray();
        // one operation per input element, spread over the output's positions
        long per = Math.max(1, x.elements() / Math.max(1, Folding.elements(od)));
        elementwise(im, n, List.of(x), od.length == 0 ? new long[] {1} : od, LayerKind.ADD, per);
    }

    private static void resize(Importer im, Node n, Value x) {
        if (x.rank() != 4) {
            throw im.error(n, "only 4-D (N, C, H, W) resizing is supported, not " + Value.dimsText(x.dims()));
        }
        long[] out;
        Value sizes = n.input(3).isEmpty() ? null : im.in(n, 3);
        int scalesAt = n.opType().equals("Upsample") || im.opset == 10 ? 1 : 2;
        if (sizes != null && sizes.isConstant() && sizes.elements() == 4) {
            out = sizes.asLongs();
        } else {
            double[] scales = n.input(scalesAt).isEmpty() ? null
                    : ShapeOps.constantOf(im, n, scalesAt, "scales").asDoubles();
            if (scales == null) {
                float[] f = n.attr("scales") == null ? null : n.attr("scales").floats();
                if (f == null) {
                    throw im.error(n, "has neither constant sizes nor scales");
                }
                scales = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    scales[i] = f[i];
                }
            }
            out = new long[4];
            for (int i = 0; i < 4; i++) {
                out[i] = (long) Math.floor(x.dims()[i] * scales[i]);
            }
        }
        if (out[0] != x.dim(0) || out[1] != x.dim(1)) {
            throw im.error(n, "resizes the batch or channel axis (" + Value.dimsText(x.dims()) + " to "
                    + Value.dimsText(out) + ")");
        }
        String mode = n.stringAttr("mode", "nearest");
        Interpolation how = mode.equals("nearest") ? Interpolation.NEAREST : Interpolation.BILINEAR;
        long[] od = out;
        im.emit(n, out, null, (i, name) -> Layers.upsample(i, name, Importer.sources(x), im.image(n, x.dims()),
                im.batch(n, x.dims()), od[2], od[3], how));
    }

    private static void concat(Importer im, Node n) {
        Value[] parts = new Value[n.inputs().size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = im.in(n, i);
        }
        long[] out = ShapeOps.concatDims(im, n, parts);
        int ax = (int) ShapeOps.axis(n.intAttr("axis", 0), parts[0].rank(), false);
        boolean channels = parts[0].rank() == 4 ? ax == 1 : ax == parts[0].rank() - 1 && parts[0].rank() >= 2;
        List<Value> computed = new ArrayList<>();
        for (Value p : parts) {
            if (!p.isStatic()) {
                computed.add(p);
            }
        }
        List<Shape> shapes = computed.stream().map(v -> im.image(n, v.dims())).toList();
        if (channels && computed.size() == parts.length) {
            im.emit(n, out, null, (i, name) -> Layers.concat(i, name, Importer.sources(parts), shapes,
                    im.batch(n, out)));
            return;
        }
        Shape o = im.image(n, out);
        im.emit(n, out, null, (i, name) -> new Layer(i, name, LayerKind.CONCAT, Importer.sources(computed.toArray(
                new Value[0])), shapes, o, im.batch(n, out), null, null, 0, 0, TensorSpecs.DEFAULT));
    }

    private static void embedding(Importer im, Node n, Value table, Value ids) {
        if (!table.isStatic() || table.rank() != 2 || n.intAttr("axis", 0) != 0) {
            throw im.error(n, "a Gather of a computed tensor by computed indices is not supported (only lookups "
                    + "in a stored table, axis 0)");
        }
        long tokens = ids.rank() < 2 ? ids.elements() : ids.elements() / ids.dim(0);
        int batch = ids.rank() < 2 ? 1 : im.toInt(n, ids.dim(0));
        long[] out = java.util.Arrays.copyOf(ids.dims(), ids.rank() + 1);
        out[ids.rank()] = table.dim(1);
        Shape in = new Shape(1, 1, im.toInt(n, tokens));
        im.emit(n, out, null, (i, name) -> Layers.embedding(i, name, Importer.sources(ids), in, batch, table.dim(0),
                table.dim(1)));
    }

    /** erf by Abramowitz and Stegun 7.1.26 (|error| below 1.5e-7): only for folding constants. */
    private static double erfApprox(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
