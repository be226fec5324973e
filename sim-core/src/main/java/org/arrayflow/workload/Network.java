package org.arrayflow.workload;

import java.util.List;

/** A workload: layers in execution order with shapes resolved, and any fused groups it asks for. */
public record Network(String name, String source, int batch, Shape input, List<Layer> layers, WorkloadFusion fusion) {

    public Network {
        layers = List.copyOf(layers);
        fusion = fusion == null ? WorkloadFusion.NONE : fusion;
        Totals t = Totals.NONE;
        for (Layer l : layers) {
            t = t.plus(l);
        }
    }

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
