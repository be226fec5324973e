package org.arrayflow.transform;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.config.EditDistance;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.tensor.TensorSpecs;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Applies transforms to a network, in order: a pure function from a network and steps to the new network and
 * what each step changed ({@link Changes}). A pattern must match at least one layer the transform applies to;
 * a plain name of a layer it cannot apply to, a rank the layer does not allow, a factor's name already taken,
 * are errors where the setting was stated ({@link Origin}).
 */
public final class Transforms {
    private Transforms() {}

    public static Changes apply(Network net, List<Transform> steps) {
        if (steps.isEmpty()) {
            return Changes.none(net);
        }
        Network cur = net;
        List<Changes.Step> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Transform t = steps.get(i);
            List<Changes.LayerChange> changes = new ArrayList<>();
            if (t instanceof Transform.Prune p) {
                cur = prune(cur, p, changes);
            } else if (t instanceof Transform.Quantize q) {
                cur = quantize(cur, q, changes);
            } else if (t instanceof Transform.LowRank lr) {
                cur = LowRankRewrite.apply(cur, lr, changes);
            }
            done.add(new Changes.Step(i + 1, t.text(), changes));
        }
        return new Changes(net, cur, done);
    }

    private static Network prune(Network net, Transform.Prune p, List<Changes.LayerChange> changes) {
        Transform.Target<Density>[] chosen = choose(net, p.targets(), l -> l.weights() > 0, "has no weights to prune");
        List<Layer> layers = new ArrayList<>(net.layers());
        for (int i = 0; i < layers.size(); i++) {
            if (chosen[i] == null) {
                continue;
            }
            Layer l = layers.get(i);
            TensorSpec w = l.tensors().get(Tensor.WEIGHT);
            Layer pruned = l.withTensors(l.tensors().with(Tensor.WEIGHT, new TensorSpec(w.datatype(), chosen[i].value())));
            layers.set(i, pruned);
            changes.add(new Changes.LayerChange(l, List.of(pruned), "weight density " + w.density().text()
                    + " -> " + chosen[i].value().text()));
        }
        return rebuilt(net, layers);
    }

    private static Network quantize(Network net, Transform.Quantize q, List<Changes.LayerChange> changes) {
        List<Layer> layers = new ArrayList<>(net.layers());
        boolean matched = false;
        boolean changed = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (!q.layers().matches(l.name())) {
                continue;
            }
            matched = true;
            TensorSpecs specs = l.tensors();
            List<String> what = new ArrayList<>();
            for (Map.Entry<Tensor, Datatype> e : q.datatypes().entrySet()) {
                if (!takes(l, e.getKey())) {
                    continue;
                }
                TensorSpec s = specs.get(e.getKey());
                specs = specs.with(e.getKey(), s.withDatatype(e.getValue()));
                what.add(e.getKey().label() + " " + typeName(s.datatype()) + " -> " + e.getValue().name());
            }
            if (what.isEmpty()) {
                if (q.layers().isName()) {
                    throw q.origin().error("layer '" + l.name() + "' (" + l.kind().yamlName() + ") has none of the "
                            + "tensors given (" + labels(q) + "): a layer without weights has only ifmap and ofmap");
                }
                continue;
            }
            changed = true;
            Layer quantized = l.withTensors(specs);
            layers.set(i, quantized);
            changes.add(new Changes.LayerChange(l, List.of(quantized), String.join(", ", what)));
        }
        if (!matched) {
            throw q.origin().error(noMatch(q.layers(), net, l -> true, ""));
        }
        if (!changed) {
            throw q.origin().error("the layers '" + q.layers() + "' matches have none of the tensors given ("
                    + labels(q) + "): only matrix layers have weights and partial sums");
        }
        return rebuilt(net, layers);
    }

    /** Whether a layer has a tensor a datatype can be set for: weights only with weights, psums on matrix layers. */
    private static boolean takes(Layer l, Tensor t) {
        switch (t) {
            case WEIGHT: return l.weights() > 0 || l.kind() == LayerKind.MATMUL;
            case PSUM: return l.kind().isMatrix();
            default: return true;
        }
    }

    private static String labels(Transform.Quantize q) {
        return String.join(", ", q.datatypes().keySet().stream().map(Tensor::label).toList());
    }

    /** A datatype stated, or the architecture's ("arch word") where none is. */
    static String typeName(Datatype d) {
        return d == null ? "arch word" : d.name();
    }

    /**
     * For each layer, the last target that matches it among the layers {@code applies} accepts; each target
     * must match at least one, and a plain name must name a layer it applies to ({@code why} says why not).
     */
    @SuppressWarnings("unchecked")
    static <V> Transform.Target<V>[] choose(Network net, List<Transform.Target<V>> targets, Predicate<Layer> applies,
                                           String why) {
        List<Layer> layers = net.layers();
        Transform.Target<V>[] chosen = new Transform.Target[layers.size()];
        for (Transform.Target<V> t : targets) {
            boolean any = false;
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                if (!t.pattern().matches(l.name())) {
                    continue;
                }
                if (!applies.test(l)) {
                    if (t.pattern().isName()) {
                        throw t.origin().error("layer '" + l.name() + "' (" + l.kind().yamlName() + ") " + why);
                    }
                    continue;
                }
                chosen[i] = t;
                any = true;
            }
            if (!any) {
                throw t.origin().error(noMatch(t.pattern(), net, applies, " it applies to"));
            }
        }
        return chosen;
    }

    /** "'fc9' matches no layer ...; did you mean 'fc8'?", or the layers it could have named. */
    static String noMatch(LayerPattern pattern, Network net, Predicate<Layer> applies, String which) {
        List<String> names = net.layers().stream().filter(applies).map(Layer::name).toList();
        String msg = "'" + pattern + "' matches no layer" + which;
        if (names.isEmpty()) {
            return msg + " (the workload has none)";
        }
        String typed = pattern.text().toLowerCase(Locale.ROOT);
        String prefix = pattern.prefix().toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(2, typed.length() / 3));
        List<String> close = new ArrayList<>();
        for (String n : names) {
            String c = n.toLowerCase(Locale.ROOT);
            if (EditDistance.between(typed, c) <= allowed || prefix.length() >= 2 && c.startsWith(prefix)) {
                close.add(n);
            }
        }
        close.sort(Comparator.comparingInt((String n) -> EditDistance.between(typed, n.toLowerCase(Locale.ROOT))));
        if (!close.isEmpty()) {
            List<String> shown = close.subList(0, Math.min(4, close.size())).stream().map(n -> "'" + n + "'").toList();
            return msg + "; did you mean " + or(shown) + "? (a pattern may use * and ?)";
        }
        List<String> shown = names.subList(0, Math.min(8, names.size()));
        return msg + "; they are " + String.join(", ", shown) + (names.size() > shown.size() ? ", ... ("
                + names.size() + " in all)" : "") + " (a pattern may use * and ?)";
    }

    private static String or(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** The network with these layers (same places, names and wiring). */
    private static Network rebuilt(Network net, List<Layer> layers) {
        return new Network(net.name(), net.source(), net.batch(), net.input(), layers, net.fusion(), net.held());
    }
}
