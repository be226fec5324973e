package org.arrayflow.workload;

import org.arrayflow.config.Node;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.tensor.TensorSpecs;

/**
 * Reads a workload's {@code tensors:} entries (structure already schema-checked): the workload-wide one, and a
 * layer's, which replaces it field by field (a layer stating only a weight density keeps the workload's weight
 * datatype). Values the schema cannot rule out are checked here, at the key they are about.
 */
final class TensorSpecReader {
    private TensorSpecReader() {}

    /** {@code base} with what {@code node} (a {@code tensors:} mapping, or null) states. */
    static TensorSpecs read(Node node, TensorSpecs base) {
        if (node == null) {
            return base;
        }
        TensorSpecs out = base;
        for (Tensor t : Tensor.values()) {
            if (node.has(t.label())) {
                out = out.with(t, spec(node.get(t.label()), t, base.get(t)));
            }
        }
        return out;
    }

    /** Checks what a layer's kind makes meaningless: weights of a layer that has none. */
    static void checkFor(Layer layer, Node layerNode) {
        if (!layerNode.has("tensors")) {
            return;
        }
        Node n = layerNode.get("tensors");
        if (n.has(Tensor.WEIGHT.label()) && layer.weights() == 0 && layer.kind() != LayerKind.MATMUL) {
            throw n.error(Tensor.WEIGHT.label(), "layer '" + layer.name() + "' (" + layer.kind().yamlName()
                    + ") has no weights; state datatypes and densities for its ifmap and ofmap");
        }
    }

    private static TensorSpec spec(Node n, Tensor t, TensorSpec base) {
        Datatype type = base.datatype();
        if (n.has("datatype")) {
            type = Datatype.named(n.text("datatype"));
        }
        Density density = base.density();
        if (n.has("density")) {
            density = density(n.get("density"), t);
        }
        return new TensorSpec(type, density);
    }

    private static Density density(Node d, Tensor t) {
        if (t == Tensor.PSUM) {
            throw d.error("partial sums are dense: state densities for ifmap, weight or ofmap");
        }
        if (!d.isText()) {
            return Density.of(d.asDouble());
        }
        String[] nm = d.text().split(":");
        int n = Integer.parseInt(nm[0]);
        int m = Integer.parseInt(nm[1]);
        if (n > m) {
            throw d.error("N:M sparsity keeps N of every M elements, so N <= M; did you mean " + m + ":" + n + "?");
        }
        if (t != Tensor.WEIGHT) {
            throw d.error("structured N:M sparsity is a property of weights (pruned along the reduction dimension);"
                    + " for " + t.label() + " state the fraction of non-zeros, e.g. " + n + " / " + m + " = "
                    + (double) n / m);
        }
        return Density.structured(n, m);
    }
}
