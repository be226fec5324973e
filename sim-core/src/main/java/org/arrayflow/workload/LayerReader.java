package org.arrayflow.workload;

import org.arrayflow.config.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one layer's YAML entry (structure already schema-checked) and builds it with {@link Layers}: resolves
 * its inputs to earlier layers' shapes (names as its repeat iteration reads them, {@link Repeats}), and reports
 * any shape error at the key it is about.
 */
final class LayerReader {
    private LayerReader() {}

    static Layer read(int index, Repeats.Entry entry, String previous, Map<String, Shape> shapes, int batch) {
        Node n = entry.node();
        String name = entry.name();
        LayerKind kind = LayerKind.fromYaml(n.text("type"));
        List<String> inputs = new ArrayList<>();
        if (n.has("inputs")) {
            for (Node item : n.get("inputs").items()) {
                inputs.add(entry.input(item));
            }
        } else {
            inputs.add(n.has("input") ? entry.input(n.get("input")) : previous);
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
        try {
            return build(index, n, name, kind, inputs, in, batch);
        } catch (LayerException e) {
            throw e.key() == null ? n.error(e.getMessage()) : n.error(e.key(), e.getMessage());
        }
    }

    private static Layer build(int index, Node n, String name, LayerKind kind, List<String> inputs, List<Shape> in,
                               int batch) {
        Shape x = in.get(0);
        switch (kind) {
            case CONV2D: {
                int[] k = n.pair("kernel", 1);
                int[] s = n.pair("stride", 1);
                int[] p = n.pair("padding", 0);
                Window w = new Window(k[0], k[1], s[0], s[1], p[0], p[1], n.intValue("dilation", 1));
                // groups: a number, or "depthwise" (one group per input channel)
                int groups = n.has("groups") && n.get("groups").isText() ? x.channels() : n.intValue("groups", 1);
                return Layers.conv2d(index, name, inputs, x, batch, n.intValue("filters"), w, groups);
            }
            case FC:
                return Layers.fc(index, name, inputs, x, batch, n.longValue("outputs"));
            case LINEAR:
                return Layers.linear(index, name, inputs, x, batch, n.longValue("outputs"));
            case GEMM:
                // the operands are given by their sizes, not produced by earlier layers
                return Layers.gemm(index, name, List.of(), batch, n.longValue("m"), n.longValue("k"), n.longValue("n"));
            case MATMUL:
                return Layers.matmul(index, name, inputs, x, in.get(1), batch, n.intValue("heads", 1),
                        n.bool("transpose_b", false));
            case MAXPOOL:
            case AVGPOOL: {
                int[] k = n.pair("kernel", 1);
                int[] s = n.pair("stride", 0);
                if (s[0] == 0) {
                    s = k;
                }
                int[] p = n.pair("padding", 0);
                return Layers.pool(index, name, kind, inputs, x, batch, new Window(k[0], k[1], s[0], s[1], p[0], p[1], 1));
            }
            case GLOBAL_AVGPOOL:
                return Layers.globalAvgPool(index, name, inputs, x, batch);
            case ADD:
                return Layers.add(index, name, inputs, in, batch);
            case SOFTMAX:
            case LAYERNORM:
                return Layers.normalization(index, name, kind, inputs, x, batch);
            case CONV_TRANSPOSE: {
                int[] k = n.pair("kernel", 1);
                int[] s = n.pair("stride", 1);
                int[] p = n.pair("padding", 0);
                int[] op = n.pair("output_padding", 0);
                Window w = new Window(k[0], k[1], s[0], s[1], p[0], p[1], n.intValue("dilation", 1));
                int groups = n.has("groups") && n.get("groups").isText() ? x.channels() : n.intValue("groups", 1);
                return Layers.convTranspose(index, name, inputs, x, batch, n.intValue("filters"), w, groups, op[0], op[1]);
            }
            case CONCAT:
                return Layers.concat(index, name, inputs, in, batch);
            case SPLIT:
                return Layers.split(index, name, inputs, x, batch, n.intValue("offset", 0), n.intValue("channels"));
            case CROP: {
                int h = n.intValue("height");
                int w = n.intValue("width");
                // centred by default: the floor of half the rows and columns cut away before the window
                return Layers.crop(index, name, inputs, x, batch, n.intValue("top", Math.max(0, (x.height() - h) / 2)),
                        n.intValue("left", Math.max(0, (x.width() - w) / 2)), h, w);
            }
            case ACTIVATION:
                return Layers.activation(index, name, inputs, x, batch, Activation.fromYaml(n.text("function")));
            case BATCHNORM:
                return Layers.batchnorm(index, name, inputs, x, batch);
            case UPSAMPLE: {
                int[] s = n.pair("scale", 2);
                return Layers.upsample(index, name, inputs, x, batch, (long) x.height() * s[0], (long) x.width() * s[1],
                        Interpolation.fromYaml(n.text("mode", "nearest")));
            }
            case EMBEDDING:
                return Layers.embedding(index, name, inputs, x, batch, n.longValue("vocabulary"), n.longValue("dim"));
            default:
                throw new IllegalStateException("unhandled layer kind " + kind);
        }
    }
}
