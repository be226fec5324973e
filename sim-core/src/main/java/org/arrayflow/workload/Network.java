package org.arrayflow.workload;

import java.util.List;
import java.util.Map;

/**
 * A workload: layers in execution order with shapes resolved, and any fused groups it asks for.
 *
 * @param held tensors that outlive the network (an LLM's KV cache), by the name of the layer output written into
 *             one: a layer's own output (the cache a prefill writes), or a tensor no layer produces that later layers
 *             read (the cache a decode step reads and appends to). Empty for every other workload.
 */
public record Network(String name, String source, int batch, Shape input, List<Layer> layers, WorkloadFusion fusion,
                      Map<String, Held> held) {

    public Network {
        layers = List.copyOf(layers);
        fusion = fusion == null ? WorkloadFusion.NONE : fusion;
        held = Map.copyOf(held);
        Totals t = Totals.NONE;
        for (Layer l : layers) {
            t = t.plus(l);
        }
    }

    /**
     * A tensor that outlives the network, as a layer output is written into it.
     *
     * @param tensor   its name: the writing layer's own, or that of a tensor no layer of the network produces
     * @param elements the elements it is allocated, for the batch (an LLM's cache: at its final length, so where
     *                 it lives is decided once for every step)
     */
    public record Held(String tensor, long elements) {}

    /**
     * Running totals of a network's MACs and element operations, as a result reports them: adding a layer that
     * takes either past a long is a {@link LayerException} naming that layer (readers add layer by layer, to
     * point at it).
     */
    public record Totals(long macs, long vectorOps) {
        public static final Totals NONE = new Totals(0, 0);

        public Totals plus(Layer l) {
            return new Totals(Counts.total(l.name(), "MACs", macs, l.macs()),
                    Counts.total(l.name(), "element operations", vectorOps, l.vectorOps()));
        }
    }

    public Network(String name, String source, int batch, Shape input, List<Layer> layers) {
        this(name, source, batch, input, layers, WorkloadFusion.NONE);
    }

    public Network(String name, String source, int batch, Shape input, List<Layer> layers, WorkloadFusion fusion) {
        this(name, source, batch, input, layers, fusion, Map.of());
    }

    public long macs() {
        long total = 0;
        for (Layer l : layers) {
            total += l.macs();
        }
        return total;
    }

    public long weights() {
        long total = 0;
        for (Layer l : layers) {
            total += l.weights();
        }
        return total;
    }

    /** Parameters: every layer's weights and constants (an embedding's table, a batch norm's scale and shift). */
    public long parameters() {
        long total = 0;
        for (Layer l : layers) {
            total += l.parameters();
        }
        return total;
    }

    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named " + name);
    }
}
