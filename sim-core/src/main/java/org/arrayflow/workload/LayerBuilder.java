package org.arrayflow.workload;

import org.arrayflow.config.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds one {@link Layer} from its YAML entry: resolves inputs, checks shapes, counts MACs and weights. */
final class LayerBuilder {
    private LayerBuilder() {}

    static Layer build(int index, Node n, String previous, Map<String, Shape> shapes, int batch) {
        String name = n.text("name");
        LayerKind kind = LayerKind.fromYaml(n.text("type"));
        List<String> inputs = new ArrayList<>();
        if (n.has("inputs")) {
            for (Node item : n.get("inputs").items()) {
                inputs.add(item.text());
            }
        } else {
            inputs.add(n.text("input", previous));
        }
        List<Shape> in = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = shapes.get(inputs.get(i));
            if (s == null) {
                String key = n.has("inputs") ? "inputs[" + i + "]" : "input";
                throw n.error(key, "layer '" + name + "' reads '" + inputs.get(i)
                        + "', which is not an earlier layer (nor 'input')");
            }
            in.add(s);
        }
        Shape x = in.get(0);
        try {
            switch (kind) {
                case CONV2D: return conv(index, n, name, inputs, in, batch);
                case FC: {
                    long out = n.longValue("outputs");
                    long k = x.elements();
                    Shape o = new Shape((int) out, 1, 1);
                    Gemm g = Gemm.plain(batch, k, out, 1);
                    return new Layer(index, name, kind, inputs, in, o, batch, null, 1, g.macs(), k * out, List.of(g), 0);
                }
                case LINEAR: {
                    long out = n.longValue("outputs");
                    Shape o = new Shape((int) out, x.height(), x.width());
                    Gemm g = Gemm.plain(x.positions() * batch, x.channels(), out, 1);
                    return new Layer(index, name, kind, inputs, in, o, batch, null, 1, g.macs(),
                            (long) x.channels() * out, List.of(g), 0);
                }
                case GEMM: {
                    long m = n.longValue("m");
                    long nn = n.longValue("n");
                    long k = n.longValue("k");
                    Gemm g = Gemm.plain(m * batch, k, nn, 1);
                    Shape o = new Shape((int) nn, 1, (int) m);
                    Shape gemmIn = new Shape((int) k, 1, (int) m);
                    return new Layer(index, name, kind, List.of(), List.of(gemmIn), o, batch, null, 1, g.macs(), k * nn,
                            List.of(g), 0);
                }
                case MATMUL: return matmul(index, n, name, inputs, in, batch);
                case MAXPOOL:
                case AVGPOOL: {
                    int[] k = n.pair("kernel", 1);
                    int[] s = n.pair("stride", 0);
                    if (s[0] == 0) {
                        s = k;
                    }
                    int[] p = n.pair("padding", 0);
                    Window w = new Window(k[0], k[1], s[0], s[1], p[0], p[1], 1);
                    Shape o = outShape(n, name, x, w, x.channels());
                    return new Layer(index, name, kind, inputs, in, o, batch, w, 1, 0, 0, List.of(),
                            o.elements() * w.area() * batch);
                }
                case GLOBAL_AVGPOOL: {
                    Shape o = new Shape(x.channels(), 1, 1);
                    Window w = new Window(x.height(), x.width(), x.height(), x.width(), 0, 0, 1);
                    return new Layer(index, name, kind, inputs, in, o, batch, w, 1, 0, 0, List.of(), x.elements() * batch);
                }
                case ADD: {
                    for (int i = 1; i < in.size(); i++) {
                        if (!in.get(i).equals(x)) {
                            throw n.error("inputs", "layer '" + name + "' adds " + inputs.get(0) + " (" + x + ") and "
                                    + inputs.get(i) + " (" + in.get(i) + "): shapes differ");
                        }
                    }
                    return new Layer(index, name, kind, inputs, in, x, batch, null, 1, 0, 0, List.of(),
                            x.elements() * (in.size() - 1) * batch);
                }
                case SOFTMAX:
                case LAYERNORM:
                    // Two passes over the data: a reduction (max/sum or mean/variance), then the normalisation.
                    return new Layer(index, name, kind, inputs, in, x, batch, null, 1, 0, 0, List.of(),
                            2 * x.elements() * batch);
                default:
                    throw new IllegalStateException("unhandled layer kind " + kind);
            }
        } catch (IllegalArgumentException e) {
            throw n.error("layer '" + name + "': " + e.getMessage());
        }
    }

    private static Layer conv(int index, Node n, String name, List<String> inputs, List<Shape> in, int batch) {
        Shape x = in.get(0);
        int filters = n.intValue("filters");
        int[] k = n.pair("kernel", 1);
        int[] s = n.pair("stride", 1);
        int[] p = n.pair("padding", 0);
        int dil = n.intValue("dilation", 1);
        int groups;
        if (n.has("groups") && n.get("groups").isText()) {
            groups = x.channels();
        } else {
            groups = n.intValue("groups", 1);
        }
        if (x.channels() % groups != 0) {
            throw n.error("groups", "layer '" + name + "': " + x.channels() + " input channels are not divisible by "
                    + groups + " groups");
        }
        if (filters % groups != 0) {
            throw n.error("filters", "layer '" + name + "': " + filters + " filters are not divisible by "
                    + groups + " groups");
        }
        Window w = new Window(k[0], k[1], s[0], s[1], p[0], p[1], dil);
        Shape o = outShape(n, name, x, w, filters);
        int cg = x.channels() / groups;
        long kDim = (long) w.area() * cg;
        long m = o.positions() * batch;
        Gemm g = new Gemm(m, kDim, filters / groups, groups, cg, w.area(), x.positions() * batch);
        long weights = kDim * filters;
        return new Layer(index, name, LayerKind.CONV2D, inputs, in, o, batch, w, groups, g.macs(), weights, List.of(g), 0);
    }

    private static Layer matmul(int index, Node n, String name, List<String> inputs, List<Shape> in, int batch) {
        Shape a = in.get(0);
        Shape b = in.get(1);
        int heads = n.intValue("heads", 1);
        boolean transB = n.bool("transpose_b", false);
        if (a.channels() % heads != 0 || b.channels() % heads != 0) {
            throw n.error("heads", "layer '" + name + "': features (" + a.channels() + ", " + b.channels()
                    + ") are not divisible by " + heads + " heads");
        }
        long tokens = a.positions();
        long ka = a.channels() / heads;
        long k;
        long nn;
        Shape o;
        if (transB) {
            // scores = A_h (T x d) . B_h^T (d x Tb)
            k = b.channels() / heads;
            nn = b.positions();
            if (ka != k) {
                throw n.error("inputs", "layer '" + name + "': A has " + ka + " features per head but B has " + k);
            }
            o = new Shape((int) (heads * nn), 1, (int) tokens);
        } else {
            // context = A_h (T x Tb) . B_h (Tb x d)
            k = b.positions();
            nn = b.channels() / heads;
            if (ka != k) {
                throw n.error("inputs", "layer '" + name + "': A has " + ka + " columns per head but B has " + k
                        + " rows (tokens)");
            }
            o = new Shape(b.channels(), 1, (int) tokens);
        }
        Gemm g = Gemm.plain(tokens, k, nn, heads * batch);
        return new Layer(index, name, LayerKind.MATMUL, inputs, in, o, batch, null, 1, g.macs(), 0, List.of(g), 0);
    }

    private static Shape outShape(Node n, String name, Shape x, Window w, int channels) {
        int oh = w.outHeight(x.height());
        int ow = w.outWidth(x.width());
        if (oh <= 0 || ow <= 0) {
            throw n.error("kernel", "layer '" + name + "': window " + w + " does not fit the " + x.height() + "x"
                    + x.width() + " input");
        }
        return new Shape(channels, oh, ow);
    }

}
