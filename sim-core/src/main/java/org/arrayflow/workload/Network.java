package org.arrayflow.workload;

import java.util.List;

/** A workload: layers in execution order with shapes resolved. */
public record Network(String name, String source, int batch, Shape input, List<Layer> layers) {

    public Network {
        layers = List.copyOf(layers);
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

    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named " + name);
    }
}
