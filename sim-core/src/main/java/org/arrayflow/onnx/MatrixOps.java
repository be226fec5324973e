package org.arrayflow.onnx;

import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Layers;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

import java.util.List;

/**
 * The ops that become matrix layers and window layers: Conv (and QLinearConv, ConvInteger), Gemm, MatMul
 * (batched and broadcast; QLinearMatMul, MatMulInteger), MaxPool, AveragePool, GlobalAveragePool and
 * GlobalMaxPool. A MatMul or Gemm by a stored weight is a linear (fc for a plain [N, K] input) layer; one of
 * two computed tensors is a matmul whose leading dims are images x heads.
 */
final class MatrixOps {
    private MatrixOps() {}

    static boolean apply(Importer im, Node n) {
        switch (n.opType()) {
            case "Conv" -> conv(im, n, 0, 1, null, null);
            case "ConvTranspose" -> convTranspose(im, n);
            case "ConvInteger" -> conv(im, n, 0, 1, Datatype.INT8, Datatype.INT32);
            case "QLinearConv" -> conv(im, n, 0, 3, Datatype.INT8, Datatype.INT8);
            case "MatMul" -> matmul(im, n, im.in(n, 0), im.in(n, 1), null, null);
            case "MatMulInteger" -> matmul(im, n, im.in(n, 0), im.in(n, 1), Datatype.INT8, Datatype.INT32);
            case "QLinearMatMul" -> matmul(im, n, im.in(n, 0), im.in(n, 3), Datatype.INT8, Datatype.INT8);
            case "Gemm" -> gemm(im, n);
            case "MaxPool", "AveragePool" -> pool(im, n);
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                Value x = im.in(n, 0);
                long[] out = x.dims().clone();
                for (int i = 2; i < out.length; i++) {
                    out[i] = 1;
                }
                Shape s = im.image(n, x.dims());
                im.emit(n, out, null, (i, name) -> Layers.globalAvgPool(i, name, Importer.sources(x), s,
                        im.batch(n, x.dims())));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The tensor specs of a layer: int8 operands when quantised (by the op or by Q/DQ pairs), else as stated. */
    static TensorSpecs specs(Value x, Value w, Datatype operands, Datatype out) {
        TensorSpecs s = TensorSpecs.DEFAULT;
        Datatype in = operands != null ? operands : x.quant();
        Datatype wt = operands != null ? operands : w == null ? null : w.quant();
        if (in != null) {
            s = s.with(Tensor.IFMAP, TensorSpec.DEFAULT.withDatatype(in));
        }
        if (wt != null) {
            s = s.with(Tensor.WEIGHT, TensorSpec.DEFAULT.withDatatype(wt));
        }
        if (out != null) {
            s = s.with(Tensor.OFMAP, TensorSpec.DEFAULT.withDatatype(out));
        }
        return s;
    }

    /** Window geometry of a Conv or pool: kernel, strides, dilations, and ONNX's begin and end pads. */
    record Geometry(int[] kernel, int[] strides, int[] dilations, long[] begin, long[] end) {

        static Geometry of(Importer im, Node n, long[] in, int[] kernel) {
            int[] s = ints(n.intsAttr("strides"), 1);
            int[] d = ints(n.intsAttr("dilations"), 1);
            long[] pads = n.intsAttr("pads");
            long[] begin = {0, 0};
            long[] end = {0, 0};
            String auto = n.stringAttr("auto_pad", "NOTSET");
            for (int a = 0; a < 2; a++) {
                if (auto.startsWith("SAME")) {
                    long outSize = (in[2 + a] + s[a] - 1) / s[a];
                    long total = Math.max(0, (outSize - 1) * s[a] + (long) d[a] * (kernel[a] - 1) + 1 - in[2 + a]);
                    begin[a] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    end[a] = total - begin[a];
                } else if (pads != null && !auto.equals("VALID")) {
                    begin[a] = pads[a];
                    end[a] = pads[a + pads.length / 2];
                }
            }
            if (d[0] != d[1]) {
                throw im.error(n, "dilations " + d[0] + "x" + d[1] + " differ by axis, which a layer cannot state");
            }
            return new Geometry(kernel, s, d, begin, end);
        }

        private static int[] ints(long[] v, int dflt) {
            return v == null ? new int[] {dflt, dflt} : new int[] {(int) v[0], (int) (v.length > 1 ? v[1] : v[0])};
        }

        /** The output size along axis {@code a}: floor (or ceil) of (in + pads − extent) / stride, plus 1. */
        long out(long in, int a, boolean ceil) {
            long span = in + begin[a] + end[a] - ((long) dilations[a] * (kernel[a] - 1) + 1);
            return (ceil ? Math.floorDiv(span + strides[a] - 1, strides[a]) : Math.floorDiv(span, strides[a])) + 1;
        }

        /** The layer's window: symmetric padding of the larger side, capped below the window's extent. */
        Window window() {
            int ph = (int) Math.min(Math.max(begin[0], end[0]), (long) dilations[0] * (kernel[0] - 1));
            int pw = (int) Math.min(Math.max(begin[1], end[1]), (long) dilations[1] * (kernel[1] - 1));
            return new Window(kernel[0], kernel[1], strides[0], strides[1], ph, pw, dilations[0]);
        }
    }

    /** A 1-D tensor [N, C, L] as a 2-D one [N, C, 1, L]. */
    private static long[] as2d(long[] d) {
        return d.length == 3 ? new long[] {d[0], d[1], 1, d[2]} : d;
    }

    private static void conv(Importer im, Node n, int xi, int wi, Datatype operands, Datatype out) {
        Value x = im.in(n, xi);
        Value w = im.in(n, wi);
        long[] xd = as2d(x.dims());
        long[] wd = as2d(w.dims());
        if (xd.length != 4 || wd.length != 4) {
            throw im.error(n, "only 1-D and 2-D convolutions are supported (input " + Value.dimsText(x.dims()) + ")");
        }
        int groups = (int) n.intAttr("group", 1);
        Geometry g = Geometry.of(im, n, xd, new int[] {(int) wd[2], (int) wd[3]});
        long oh = g.out(xd[2], 0, false);
        long ow = g.out(xd[3], 1, false);
        long[] outDims = {xd[0], wd[0], oh, ow};
        Shape s = im.image(n, xd);
        int batch = im.batch(n, xd);
        long[] reported = x.dims().length == 3 ? new long[] {xd[0], wd[0], ow} : outDims;
        im.emit(n, reported, specs(x, w, operands, out), (i, name) -> Layers.conv2d(i, name, Importer.sources(x), s,
                batch, im.toInt(n, wd[0]), g.window(), groups, im.toInt(n, oh), im.toInt(n, ow)));
    }

    private static void convTranspose(Importer im, Node n) {
        Value x = im.in(n, 0);
        Value w = im.in(n, 1);
        if (x.rank() != 4 || w.rank() != 4 || n.intsAttr("output_shape") != null) {
            throw im.error(n, "only 2-D transposed convolutions without output_shape are supported");
        }
        int groups = (int) n.intAttr("group", 1);
        Geometry g = Geometry.of(im, n, new long[] {0, 0, 0, 0}, new int[] {(int) w.dim(2), (int) w.dim(3)});
        if (g.begin()[0] != g.end()[0] || g.begin()[1] != g.end()[1]) {
            throw im.error(n, "asymmetric pads of a transposed convolution are not supported");
        }
        long[] op = n.intsAttr("output_padding");
        int oph = op == null ? 0 : (int) op[0];
        int opw = op == null ? 0 : (int) op[1];
        Window win = new Window(g.kernel()[0], g.kernel()[1], g.strides()[0], g.strides()[1], (int) g.begin()[0],
                (int) g.begin()[1], g.dilations()[0]);
        long filters = w.dim(1) * groups;
        long oh = (x.dim(2) - 1) * win.sh() - 2L * win.ph() + win.extentH() + oph;
        long ow = (x.dim(3) - 1) * win.sw() - 2L * win.pw() + win.extentW() + opw;
        Shape s = im.image(n, x.dims());
        im.emit(n, new long[] {x.dim(0), filters, oh, ow}, specs(x, w, null, null), (i, name) ->
                Layers.convTranspose(i, name, Importer.sources(x), s, im.batch(n, x.dims()), im.toInt(n, filters), win,
                        groups, oph, opw));
    }

    private static void pool(Importer im, Node n) {
        Value x = im.in(n, 0);
        long[] xd = as2d(x.dims());
        long[] k = n.intsAttr("kernel_shape");
        if (k == null || k.length == 0) {
            throw im.error(n, "has no kernel_shape attribute, which a pooling node needs");
        }
        int[] kernel = {(int) k[0], (int) (k.length > 1 ? k[1] : 1)};
        if (k.length == 1) {
            kernel = new int[] {1, (int) k[0]};
        }
        Geometry g = Geometry.of(im, n, xd, kernel);
        boolean ceil = n.intAttr("ceil_mode", 0) == 1;
        long oh = g.out(xd[2], 0, ceil);
        long ow = g.out(xd[3], 1, ceil);
        Window w = g.window();
        if (w.outHeight((int) xd[2]) != oh || w.outWidth((int) xd[3]) != ow) {
            throw im.error(n, "its padding or ceil_mode gives a " + oh + "x" + ow + " output, which a pooling layer "
                    + "with symmetric padding cannot state");
        }
        LayerKind kind = n.opType().equals("MaxPool") ? LayerKind.MAXPOOL : LayerKind.AVGPOOL;
        Shape s = im.image(n, xd);
        im.emit(n, x.dims().length == 3 ? new long[] {xd[0], xd[1], ow} : new long[] {xd[0], xd[1], oh, ow}, null,
                (i, name) -> Layers.pool(i, name, kind, Importer.sources(x), s, im.batch(n, xd), w));
    }

    private static void gemm(Importer im, Node n) {
        Value a = im.in(n, 0);
        Value b = im.in(n, 1);
        boolean ta = n.intAttr("transA", 0) == 1;
        boolean tb = n.intAttr("transB", 0) == 1;
        long m = ta ? a.dim(1) : a.dim(0);
        long k = ta ? a.dim(0) : a.dim(1);
        long cols = tb ? b.dim(0) : b.dim(1);
        long kb = tb ? b.dim(1) : b.dim(0);
        if (k != kb) {
            throw im.error(n, "A is " + m + "x" + k + " but B has " + kb + " rows");
        }
        long[] out = {m, cols};
        TensorSpecs specs = specs(a, b, null, null);
        if (b.isStatic() && !ta) {
            Shape s = new Shape(im.toInt(n, k), 1, 1);
            im.emit(n, out, specs, (i, name) -> Layers.fc(i, name, Importer.sources(a), s, im.toInt(n, m), cols));
        } else {
            im.emit(n, out, specs, (i, name) -> Layers.gemm(i, name, Importer.sources(a, b), 1, m, k, cols));
        }
    }

    /** MatMul with numpy semantics: [..., M, K] x [..., K, N], leading dims broadcast. */
    static void matmul(Importer im, Node n, Value a, Value b, Datatype operands, Datatype out) {
        long[] ad = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.dims();
        long[] bd = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.dims();
        long m = ad[ad.length - 2];
        long k = ad[ad.length - 1];
        long cols = bd[bd.length - 1];
        if (bd[bd.length - 2] != k) {
            throw im.error(n, "A " + Value.dimsText(a.dims()) + " and B " + Value.dimsText(b.dims())
                    + " do not multiply");
        }
        long[] lead = Folding.broadcast(java.util.Arrays.copyOf(ad, ad.length - 2),
                java.util.Arrays.copyOf(bd, bd.length - 2));
        if (lead == null) {
            throw im.error(n, "the batch dims of " + Value.dimsText(a.dims()) + " and " + Value.dimsText(b.dims())
                    + " do not broadcast");
        }
        long[] outDims = java.util.Arrays.copyOf(lead, lead.length + 2);
        outDims[lead.length] = m;
        outDims[lead.length + 1] = cols;
        TensorSpecs specs = specs(a, b, operands, out);
        boolean weightB = b.isStatic() && Folding.elements(bd) == k * cols;
        if (weightB) {
            // the same weights at every position: a linear layer over the leading dims (images first); a plain
            // [M, K] input is M images of K features, as a Gemm's
            int batch = lead.length == 0 ? im.toInt(n, m) : im.toInt(n, lead[0]);
            long positions = lead.length == 0 ? 1 : m;
            for (int i = 1; i < lead.length; i++) {
                positions *= lead[i];
            }
            Shape s = new Shape(im.toInt(n, k), 1, im.toInt(n, positions));
            im.emit(n, outDims, specs, (i, name) -> Layers.linear(i, name, Importer.sources(a), s, batch, cols));
            return;
        }
        // two activations: per image and head, an M x K by K x N product
        int batch = lead.length == 0 ? 1 : im.toInt(n, lead[0]);
        long heads = 1;
        for (int i = 1; i < lead.length; i++) {
            heads *= lead[i];
        }
        int h = im.toInt(n, heads);
        Shape as = new Shape(im.toInt(n, h * k), 1, im.toInt(n, m));
        Shape bs = new Shape(im.toInt(n, h * cols), 1, im.toInt(n, k));
        List<String> src = Importer.sources(a, b);
        if (src.size() < 2) {
            // a constant operand (not a weight) on one side: the product still runs on the array
            im.emit(n, outDims, specs, (i, name) -> Layers.gemm(i, name, src, batch * h, m, k, cols));
            return;
        }
        im.emit(n, outDims, specs, (i, name) -> Layers.matmul(i, name, src, as, bs, batch, h, false));
    }
}
