package org.arrayflow.dataflow;

import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;

/** Consecutive layers a dataflow runs as one unit (a fused group), or a single layer. */
public record LayerGroup(List<Layer> layers) {
    public LayerGroup {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("empty layer group");
        }
        layers = List.copyOf(layers);
    }

    public boolean single() {
        return layers.size() == 1;
    }

    public Layer first() {
        return layers.get(0);
    }

    public Layer last() {
        return layers.get(layers.size() - 1);
    }

    /** {@code first..last}, or the layer's name for a group of one. */
    public String name() {
        return single() ? first().name() : first().name() + ".." + last().name();
    }

    public static List<LayerGroup> singletons(Network net) {
        List<LayerGroup> out = new ArrayList<>();
        for (Layer l : net.layers()) {
            out.add(new LayerGroup(List.of(l)));
        }
        return out;
    }
}
