package org.arrayflow.fusion;

import org.arrayflow.config.Position;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed fused groups written as {@code first..last} layer ranges (e.g. {@code conv1_1..conv3_1}); the
 * layers outside every range run alone. Ranges must be in order and must not overlap.
 */
public final class FuseSpec {
    private FuseSpec() {}

    /** Splits a command-line list such as {@code conv1_1..conv3_1,conv4_1..conv4_4}. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /**
     * The groups of a configuration, with the layers outside every range alone; an error about a group names
     * where it was written, when it came from a file.
     */
    public static List<LayerGroup> resolve(Network net, FusionConfig config) {
        List<Layer> layers = net.layers();
        List<LayerGroup> out = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < config.groups().size(); g++) {
            try {
                next = add(net, layers, config.groups().get(g), next, out);
            } catch (MappingException e) {
                Position at = config.origin(g);
                throw at == null ? e : at.error(e.getMessage());
            }
        }
        for (int i = next; i < layers.size(); i++) {
            out.add(new LayerGroup(List.of(layers.get(i))));
        }
        return out;
    }

    /** Adds the layers before the range {@code spec} alone, then the range; returns the index after it. */
    private static int add(Network net, List<Layer> layers, String spec, int next, List<LayerGroup> out) {
        String[] ends = spec.split("\\.\\.", -1);
        if (ends.length > 2) {
            throw new MappingException("fused group '" + spec + "': write first..last");
        }
        int a = index(net, ends[0], spec);
        int b = ends.length == 2 ? index(net, ends[1], spec) : a;
        if (b < a) {
            throw new MappingException("fused group '" + spec + "': " + ends[1] + " comes before " + ends[0]);
        }
        if (a < next) {
            throw new MappingException("fused group '" + spec + "' overlaps or precedes an earlier group");
        }
        for (int i = next; i < a; i++) {
            out.add(new LayerGroup(List.of(layers.get(i))));
        }
        out.add(new LayerGroup(layers.subList(a, b + 1)));
        return b + 1;
    }

    private static int index(Network net, String name, String spec) {
        for (Layer l : net.layers()) {
            if (l.name().equals(name)) {
                return l.index();
            }
        }
        throw new MappingException("fused group '" + spec + "': the workload has no layer named '" + name + "'");
    }
}
