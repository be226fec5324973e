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

    public static List<LayerGroup> resolve(Network net, List<String> specs) {
        return resolve(net, new FusionConfig(specs, FusionStrategy.REUSE, 0, 0));
    }

    /** The groups of a configuration; an error about one names where it was written, if known. */
    public static List<LayerGroup> resolve(Network net, FusionConfig config) {
        try {
            return groups(net, config.groups());
        } catch (Located e) {
            Position at = config.origin(e.group);
            if (at != null) {
                throw at.error(e.getMessage());
            }
            throw new MappingException(e.getMessage());
        }
    }

    /** A problem with group number {@code group}; the caller adds where that group was written. */
    private static final class Located extends RuntimeException {
        final int group;

        Located(int group, String message) {
            super(message, null, false, false);
            this.group = group;
        }
    }

    private static List<LayerGroup> groups(Network net, List<String> specs) {
        List<Layer> layers = net.layers();
        List<LayerGroup> out = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < specs.size(); g++) {
            String spec = specs.get(g);
            try {
                next = add(net, layers, spec, next, out);
            } catch (MappingException e) {
                throw new Located(g, e.getMessage());
            }
        }
        for (int i = next; i < layers.size(); i++) {
            out.add(new LayerGroup(List.of(layers.get(i))));
        }
        return out;
    }

    private static int add(Network net, List<Layer> layers, String spec, int next, List<LayerGroup> out) {
        {
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
