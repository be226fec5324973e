package org.arrayflow.onnx;

import org.arrayflow.config.ConfigException;
import org.arrayflow.onnx.OnnxModel.Dim;
import org.arrayflow.onnx.OnnxModel.Graph;
import org.arrayflow.onnx.OnnxModel.Model;
import org.arrayflow.onnx.OnnxModel.Node;
import org.arrayflow.onnx.OnnxModel.ValueInfo;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.WorkloadLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports an ONNX model as a {@link Network}: reads the file ({@link OnnxWire}), gives the graph inputs their
 * dims (symbolic ones from {@link Options#dims}), walks the nodes in topological order, folding shape
 * computation and constants, dropping layout ops and fusions, and building a layer through
 * {@code workload.Layers} for every op that computes. Every problem is one {@link ConfigException} line.
 */
public final class OnnxImport {
    /** The largest model file read (protobuf's own limit for one message). */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private OnnxImport() {}

    /**
     * How to import: values of symbolic dimensions, and whether ops without support run as element-wise work
     * (one operation per element of their first input, output of the same shape) instead of being refused.
     */
    public record Options(Map<String, Long> dims, boolean unsupportedAsVector) {
        public static final Options DEFAULT = new Options(Map.of(), false);

        public Options {
            dims = Map.copyOf(dims);
        }
    }

    /** A model imported: the network, and lines on what the import did (fusions, warnings), for the console. */
    public record Result(Network network, List<String> notes, String summary) {}

    /** Whether a workload name is an ONNX file (by its extension). */
    public static boolean isOnnxFile(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** Reads and imports a file; {@code batch} &gt; 0 sets a symbolic first input dimension not in the dims. */
    public static Result read(Path file, String displayName, int batch, Options options) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw ConfigException.of(displayName, "no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw ConfigException.of(displayName, "the file has " + Files.size(file) + " bytes; an ONNX model "
                        + "read whole must be under 2 GiB (store large weights as external data)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ConfigException.of(displayName, "cannot be read: " + e.getMessage());
        }
        return parse(displayName, bytes, batch, options);
    }

    public static Result parse(String displayName, byte[] bytes, int batch, Options options) {
        Model m;
        try {
            m = OnnxWire.model(bytes);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw ConfigException.of(displayName, "not a readable ONNX model (the protobuf is malformed or truncated: "
                    + why.replaceAll("\\s+", " ").trim() + ")");
        }
        if (m.graph() == null || m.graph().nodes().isEmpty() || m.irVersion() <= 0) {
            throw ConfigException.of(displayName, "not an ONNX model (no IR version or no graph with nodes; is it "
                    + "truncated?)");
        }
        return build(displayName, m, batch, options);
    }

    private static Result build(String file, Model m, int batch, Options options) {
        Graph g = m.graph();
        List<Node> nodes = Topo.order(file, g);
        checkSupported(file, nodes, options);
        Importer im = new Importer(file, m.opset(), nodes);
        g.initializers().forEach((name, t) -> im.values.put(name, ShapeOps.fromTensor(t)));
        Shape input = null;
        int netBatch = 1;
        for (ValueInfo vi : g.inputs()) {
            if (g.initializers().containsKey(vi.name())) {
                continue;
            }
            long[] dims = inputDims(file, vi, batch, options.dims());
            im.values.put(vi.name(), Value.computed(dims, vi.elemType(), WorkloadLoader.INPUT));
            if (input == null) {
                Node where = new Node(vi.name(), "graph input", "", List.of(), List.of(), Map.of());
                input = im.image(where, dims);
                netBatch = im.batch(where, dims);
            }
        }
        if (input == null) {
            throw ConfigException.of(file, "the graph has no input that is not an initializer");
        }
        Map<String, Integer> warned = new LinkedHashMap<>();
        for (Node n : nodes) {
            try {
                if (!(ShapeOps.apply(im, n) || MatrixOps.apply(im, n) || VectorOps.apply(im, n))) {
                    asVector(im, n);
                    warned.merge(n.opType(), 1, Integer::sum);
                }
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                // a node the handlers cannot read (an attribute or input missing, a malformed value)
                throw im.error(n, "cannot be imported (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ")) + ")");
            }
        }
        if (im.layers.isEmpty()) {
            throw ConfigException.of(file, "the model computes nothing to simulate (every node is a constant or a "
                    + "layout op)");
        }
        List<String> notes = new ArrayList<>();
        Importer.Counts c = im.counts;
        notes.add(String.format(Locale.ROOT, "%s: %d ONNX nodes -> %d layers; fused %d batch norms into convolutions, "
                + "%d activations and %d biases into their producers; %d nodes evaluated at import (shapes, "
                + "constants, layout), %d quantize/dequantize nodes read as datatypes", file, nodes.size(),
                im.layers.size(), c.fusedBatchNorms, c.fusedActivations, c.fusedBiases, c.foldedNodes, c.quantNodes));
        warned.forEach((op, count) -> notes.add(file + ": warning: " + count + " " + op + " node" + (count == 1 ? ""
                : "s") + " (not supported) run as element-wise work: one operation per element of the first input, "
                + "output shaped like it"));
        // named by its file (a graph's own name is often an exporter's boilerplate, the same for every model)
        String base = Path.of(file).getFileName().toString();
        String name = base.substring(0, base.length() - ".onnx".length());
        Network net = new Network(name, file, netBatch, input, im.layers());
        return new Result(net, notes, summary(file, m, nodes.size(), im.layers(), options, notes));
    }

    /** An op without support as element-wise work over its first computed input; every output shaped like it. */
    private static void asVector(Importer im, Node n) {
        Value x = null;
        for (int i = 0; i < n.inputs().size() && x == null; i++) {
            Value v = im.in(n, i);
            x = v != null && !v.isStatic() ? v : null;
        }
        if (x == null) {
            throw im.error(n, "has no computed input, so it cannot run as element-wise work");
        }
        Value out = VectorOps.elementwise(im, n, List.of(x), x.dims(), org.arrayflow.workload.LayerKind.ACTIVATION, 1);
        for (int i = 1; i < n.outputs().size(); i++) {
            im.out(n, i, out);
        }
    }

    /** The text a result records as its workload input: what was read and how, not the binary file. */
    private static String summary(String file, Model m, int nodes, List<Layer> layers, Options o, List<String> notes) {
        StringBuilder sb = new StringBuilder("# ONNX model ").append(file).append(" (IR ").append(m.irVersion())
                .append(", opset ").append(m.opset()).append(m.producer().isEmpty() ? "" : ", from " + m.producer())
                .append(m.graph().name().isEmpty() ? "" : ", graph '" + m.graph().name() + "'").append(")\n");
        if (!o.dims().isEmpty()) {
            sb.append("# dims: ").append(new java.util.TreeMap<>(o.dims())).append('\n');
        }
        if (o.unsupportedAsVector()) {
            sb.append("# unsupported ops: as-vector\n");
        }
        notes.forEach(line -> sb.append("# ").append(line).append('\n'));
        sb.append("# ").append(nodes).append(" nodes, ").append(layers.size()).append(" layers\n");
        return sb.toString();
    }

    private static long[] inputDims(String file, ValueInfo vi, int batch, Map<String, Long> given) {
        long[] dims = new long[vi.dims().size()];
        for (int i = 0; i < dims.length; i++) {
            Dim d = vi.dims().get(i);
            if (d.value() > 0) {
                dims[i] = d.value();
            } else if (d.param() != null && given.containsKey(d.param())) {
                dims[i] = given.get(d.param());
            } else if (i == 0 && batch > 0) {
                dims[i] = batch;
            } else if (d.param() != null) {
                throw ConfigException.of(file, "input '" + vi.name() + "' has the symbolic dimension '" + d.param()
                        + "' (axis " + i + "); give its value with --dim " + d.param() + "=N");
            } else {
                throw ConfigException.of(file, "input '" + vi.name() + "' has an unknown dimension at axis " + i
                        + " (neither a number nor a name), which cannot be set");
            }
        }
        return dims;
    }

    /** Refuses, naming it, the first op type with no support, unless unsupported ops run as vector work. */
    private static void checkSupported(String file, List<Node> nodes, Options o) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!supported(n)) {
                missing.computeIfAbsent(n.opType(), k -> new ArrayList<>()).add(n.name().isEmpty() ? "(unnamed)"
                        : n.name());
            }
        }
        if (missing.isEmpty() || o.unsupportedAsVector()) {
            return;
        }
        Map.Entry<String, List<String>> first = missing.entrySet().iterator().next();
        int count = first.getValue().size();
        String more = missing.size() > 1 ? "; also unsupported: " + String.join(", ", missing.keySet().stream()
                .skip(1).toList()) : "";
        throw ConfigException.of(file, "unsupported ONNX op '" + first.getKey() + "' at node '"
                + first.getValue().get(0) + "' (" + count + " node" + (count == 1 ? "" : "s") + " of that type"
                + more + "); --unsupported as-vector runs such ops as element-wise work");
    }

    static final Set<String> SHAPE_OPS = Set.of("Constant", "ConstantOfShape", "Shape", "Size", "Identity",
            "Dropout", "Cast", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Slice", "Split", "Pad",
            "Expand", "Range");
    static final Set<String> MATRIX_OPS = Set.of("Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "MatMul",
            "MatMulInteger", "QLinearMatMul", "Gemm", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool");

    static boolean supported(Node n) {
        boolean onnxDomain = n.domain().isEmpty() || n.domain().equals("ai.onnx");
        return onnxDomain && (SHAPE_OPS.contains(n.opType()) || MATRIX_OPS.contains(n.opType())
                || VectorOps.OPS.contains(n.opType()));
    }
}
