package org.arrayflow.fusion;

import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

import java.util.List;

/**
 * A fusable group seen level by level: level 0 is the group's input, level l+1 the output of layer l.
 * Only sliding-window layers fuse (convolutions and max/avg pooling), each reading the previous one.
 */
public record GroupChain(LayerGroup group, Shape[] levels, Window[] windows) {

    public static boolean fusable(Layer l) {
        return l.kind() == LayerKind.CONV2D || l.kind() == LayerKind.MAXPOOL || l.kind() == LayerKind.AVGPOOL;
    }

    public static GroupChain of(LayerGroup g) {
        List<Layer> ls = g.layers();
        Shape[] levels = new Shape[ls.size() + 1];
        Window[] windows = new Window[ls.size()];
        levels[0] = ls.get(0).input();
        for (int i = 0; i < ls.size(); i++) {
            Layer l = ls.get(i);
            if (!fusable(l)) {
                throw new MappingException("layer '" + l.name() + "' (" + l.kind().yamlName()
                        + ") cannot be fused: only conv2d and max/avg pooling layers form pyramids");
            }
            if (i > 0 && (l.inputs().size() != 1 || !l.inputs().get(0).equals(ls.get(i - 1).name()))) {
                throw new MappingException("layer '" + l.name() + "' does not read " + ls.get(i - 1).name()
                        + " alone, so it cannot be fused after it");
            }
            windows[i] = l.window();
            levels[i + 1] = l.output();
        }
        return new GroupChain(g, levels, windows);
    }

    public int depth() {
        return windows.length;
    }

    public Layer layer(int i) {
        return group.layers().get(i);
    }

    public int batch() {
        return group.first().batch();
    }
}
