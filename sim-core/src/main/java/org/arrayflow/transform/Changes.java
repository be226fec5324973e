package org.arrayflow.transform;

import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.List;
import java.util.function.Function;

/**
 * What the transforms did: the network before and after, and per step each layer it changed with what became
 * of it. Figures are counted from the layers ({@link Figures}); bytes need the datatypes in force, which the
 * architecture completes (its word where the workload states none), so they take the architecture's
 * {@code precision(layer)}.
 */
public record Changes(Network before, Network after, List<Step> steps) {
    public Changes {
        steps = List.copyOf(steps);
    }

    /** No transform: the network as it was. */
    public static Changes none(Network n) {
        return new Changes(n, n, List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * One step: its number (from 1, in the order applied), the transform as {@code --transform} writes it, and
     * the layers it changed in network order.
     */
    public record Step(int number, String transform, List<LayerChange> layers) {
        public Step {
            layers = List.copyOf(layers);
        }

        public Figures before(Function<Layer, Precision> precision) {
            return Figures.of(layers.stream().map(LayerChange::before).toList(), precision);
        }

        public Figures after(Function<Layer, Precision> precision) {
            return Figures.of(layers.stream().flatMap(c -> c.after().stream()).toList(), precision);
        }
    }

    /**
     * A layer as the step found it, what replaced it (the layer itself with new tensor settings, or its
     * factors), and the change in words.
     */
    public record LayerChange(Layer before, List<Layer> after, String what) {
        public LayerChange {
            after = List.copyOf(after);
        }

        /** The names of what replaced the layer, joined by {@code +}. */
        public String becomes() {
            return String.join(" + ", after.stream().map(Layer::name).toList());
        }
    }

    /**
     * Counts over some layers: weight elements, the non-zero ones (weights x the weight density stated), MACs
     * of the dense layers (what an architecture skips or gates is its own model), and the bytes of all weights
     * and of the non-zero ones at the weight datatype in force (values only: a compressed format's index
     * metadata is the architecture's).
     */
    public record Figures(long weights, long nonzeroWeights, long macs, long weightBytes, long nonzeroWeightBytes) {
        public static Figures of(List<Layer> layers, Function<Layer, Precision> precision) {
            long w = 0;
            long nz = 0;
            long macs = 0;
            long bytes = 0;
            long nzBytes = 0;
            for (Layer l : layers) {
                w += l.weights();
                nz += l.nonzeroWeights();
                macs += l.macs();
                if (l.weights() > 0) {
                    Precision p = precision.apply(l);
                    bytes += p.bytes(Tensor.WEIGHT, l.weights());
                    nzBytes += p.bytes(Tensor.WEIGHT, l.nonzeroWeights());
                }
            }
            return new Figures(w, nz, macs, bytes, nzBytes);
        }
    }

    /** The whole network's figures before any step. */
    public Figures networkBefore(Function<Layer, Precision> precision) {
        return Figures.of(before.layers(), precision);
    }

    /** The whole network's figures after every step. */
    public Figures networkAfter(Function<Layer, Precision> precision) {
        return Figures.of(after.layers(), precision);
    }
}
