package org.arrayflow.onnx;

import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerException;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import while the graph is walked in topological order: every tensor's {@link Value}, the
 * layers made so far, which layer produced which tensor (for fusions), and the counts the import reports.
 * Op handlers ({@link ShapeOps}, {@link MatrixOps}, {@link VectorOps}) read inputs and set outputs here.
 */
final class Importer {
    final String file;
    final Map<String, Value> values = new HashMap<>();
    final List<Layer> layers = new ArrayList<>();
    private final Set<String> layerNames = new HashSet<>();
    /** The tensor each layer wrote, by tensor name: the layer's index in {@link #layers}. */
    private final Map<String, Integer> producedBy = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    final long opset;
    final Counts counts = new Counts();
    /** Per op type run as element-wise work because it is not supported: how many nodes. */
    final Map<String, Integer> asVector = new LinkedHashMap<>();
    private Network.Totals totals = Network.Totals.NONE;

    /** What the import did, for its report. */
    static final class Counts {
        int fusedBatchNorms;
        int fusedActivations;
        int fusedBiases;
        int foldedNodes;
        int quantNodes;
    }

    Importer(String file, long opset, List<Node> nodes) {
        this.file = file;
        this.opset = opset;
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    consumers.merge(in, 1, Integer::sum);
                }
            }
        }
    }

    /** The value of input {@code i} of the node, null for an omitted optional input. */
    Value in(Node n, int i) {
        String name = n.input(i);
        if (name.isEmpty()) {
            return null;
        }
        Value v = values.get(name);
        if (v == null) {
            throw error(n, "reads '" + name + "', which no earlier node, initializer or graph input provides");
        }
        return v;
    }

    void out(Node n, int i, Value v) {
        if (i < n.outputs().size() && !n.outputs().get(i).isEmpty()) {
            values.put(n.outputs().get(i), v);
        }
    }

    /** Whether the node's input {@code i} was written by a layer and is read by this node alone (fusable). */
    Layer fusableProducer(Node n, int i) {
        String name = n.input(i);
        Integer at = producedBy.get(name);
        return at != null && consumers.getOrDefault(name, 0) == 1 ? layers.get(at) : null;
    }

    /** The layer's output tensor now also stands for the node's output (the node was fused into it). */
    void fuse(Node n, Layer into) {
        Value x = in(n, 0);
        out(n, 0, x);
        producedBy.put(n.outputs().get(0), layers.indexOf(into));
    }

    /** Builds a layer for the node's output {@code 0}. */
    interface Make {
        Layer make(int index, String name);
    }

    /** A new layer for the node; its output is {@code outDims}, read as coming from the layer. */
    Value emit(Node n, long[] outDims, TensorSpecs specs, Make make) {
        String name = uniqueName(n);
        Layer l;
        try {
            l = make.make(layers.size(), name);
            totals = totals.plus(l);
        } catch (LayerException e) {
            throw error(n, e.getMessage());
        }
        if (specs != null && !specs.allDefault()) {
            l = l.withTensors(specs);
        }
        layers.add(l);
        producedBy.put(n.outputs().get(0), layers.size() - 1);
        Value v = Value.computed(outDims, OnnxModel.FLOAT, name);
        out(n, 0, v);
        return v;
    }

    private String uniqueName(Node n) {
        String base = n.name().isEmpty() ? n.opType() + "_" + layers.size() : n.name();
        if (base.equals(WorkloadLoader.INPUT)) {
            base = base + "_" + n.opType();
        }
        String name = base;
        for (int k = 2; !layerNames.add(name); k++) {
            name = base + "#" + k;
        }
        return name;
    }

    /** The layer names a node reads: the sources of its computed inputs (constants and weights are not layers). */
    static List<String> sources(Value... in) {
        List<String> s = new ArrayList<>();
        for (Value v : in) {
            if (v != null && v.source() != null) {
                s.add(v.source());
            }
        }
        return s;
    }

    /** An image's shape for a tensor of full ONNX dims: [N, C, H, W] -> C x H x W, [N, T, F] -> F x 1 x T. */
    Shape image(Node n, long[] d) {
        try {
            return switch (d.length) {
                case 0 -> new Shape(1, 1, 1);
                case 1 -> new Shape(toInt(n, d[0]), 1, 1);
                case 2 -> new Shape(toInt(n, d[1]), 1, 1);
                case 3 -> new Shape(toInt(n, d[2]), 1, toInt(n, d[1]));
                case 4 -> new Shape(toInt(n, d[1]), toInt(n, d[2]), toInt(n, d[3]));
                default -> {
                    long rest = 1;
                    for (int i = 3; i < d.length; i++) {
                        rest = Math.multiplyExact(rest, d[i]);
                    }
                    yield new Shape(toInt(n, d[1]), toInt(n, d[2]), toInt(n, rest));
                }
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error(n, "a tensor of shape " + Value.dimsText(d) + " cannot be simulated: " + e.getMessage());
        }
    }

    /** The images of a tensor: its first dimension (1 for vectors and scalars). */
    int batch(Node n, long[] d) {
        return d.length < 2 ? 1 : toInt(n, d[0]);
    }

    int toInt(Node n, long v) {
        if (v > Integer.MAX_VALUE || v <= 0) {
            throw error(n, "dimension " + v + " is outside 1 to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** An error about a node: the file, the node's name and op type, and the problem. */
    org.arrayflow.config.ConfigException error(Node n, String problem) {
        String who = "node '" + (n.name().isEmpty() ? "(unnamed)" : n.name()) + "' (" + n.opType() + ")";
        return org.arrayflow.config.ConfigException.of(file, who + ": " + problem);
    }

    List<Layer> layers() {
        return layers;
    }
}
