package org.arrayflow.transform;

import org.arrayflow.config.LayerPattern;
import org.arrayflow.config.Node;
import org.arrayflow.tensor.Datatype;
import org.arrayflow.tensor.Density;
import org.arrayflow.tensor.Tensor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code transforms:} list, of a workload or a validation case: each entry one step, {@code prune},
 * {@code quantize} or {@code low_rank}, with the settings {@link TransformSyntax} describes as YAML
 * ({@code - prune: {conv1: 0.84, "fc*": 0.09}}, {@code - quantize: {layers: "fc*", weight: int4}},
 * {@code - low_rank: {fc6: 500, conv2: [32, 64]}}). A workload's schema has checked the structure already; a
 * validation case has no schema, so the structure is checked here as well, at the key concerned.
 */
public final class TransformReader {
    private static final String COMMENT = "comment";

    private TransformReader() {}

    public static List<Transform> read(Node list) {
        if (!list.isArray()) {
            throw list.error("transforms: must be a list of steps, each one of " + String.join(", ",
                    TransformSyntax.KINDS) + ", e.g. '- prune: {fc6: 0.1}'");
        }
        List<Transform> out = new ArrayList<>();
        for (Node item : list.items()) {
            out.add(step(item));
        }
        return out;
    }

    private static Transform step(Node item) {
        if (!item.json().isObject()) {
            throw item.error("a transform step is a mapping with one of " + String.join(", ", TransformSyntax.KINDS)
                    + ", e.g. '- low_rank: {fc6: 500}'");
        }
        String kind = null;
        for (Map.Entry<String, Node> e : item.fields()) {
            if (e.getKey().equals(COMMENT)) {
                continue;
            }
            if (!TransformSyntax.KINDS.contains(e.getKey())) {
                throw e.getValue().error("unknown transform '" + e.getKey() + "'"
                        + TransformSyntax.didYouMean(e.getKey(), TransformSyntax.KINDS) + " (known: "
                        + String.join(", ", TransformSyntax.KINDS) + ")");
            }
            if (kind != null) {
                throw e.getValue().error("one step is one transform, found " + kind + " and " + e.getKey()
                        + ": give each its own entry of the list (they apply in order)");
            }
            kind = e.getKey();
        }
        if (kind == null) {
            throw item.error("a transform step needs one of " + String.join(", ", TransformSyntax.KINDS));
        }
        Node settings = item.get(kind);
        if (!settings.json().isObject() || settings.json().isEmpty()) {
            throw settings.error(kind + " takes a mapping of settings, e.g. " + example(kind));
        }
        switch (kind) {
            case "prune":
                return prune(settings);
            case "quantize":
                return quantize(settings);
            default:
                return lowRank(settings);
        }
    }

    private static String example(String kind) {
        switch (kind) {
            case "prune": return "{conv1: 0.84, \"fc*\": 0.09} or {\"*\": \"2:4\"}";
            case "quantize": return "{weight: int8, ifmap: int8} or {layers: \"fc*\", weight: int4}";
            default: return "{fc6: 500} or {conv2: [32, 64]}";
        }
    }

    private static Transform prune(Node settings) {
        List<Transform.Target<Density>> targets = new ArrayList<>();
        for (Map.Entry<String, Node> e : settings.fields()) {
            Node v = e.getValue();
            Origin origin = Origin.of(v);
            Density d;
            if (v.isText()) {
                d = TransformSyntax.density(v.text(), origin);
            } else if (v.json().isNumber()) {
                d = TransformSyntax.fraction(v.asDouble(), origin);
            } else {
                throw v.error("a density is a fraction in (0, 1] or N:M in quotes (\"2:4\")");
            }
            targets.add(new Transform.Target<>(TransformSyntax.pattern(e.getKey(), origin), d, origin));
        }
        return new Transform.Prune(targets);
    }

    private static Transform quantize(Node settings) {
        LayerPattern layers = LayerPattern.ALL;
        Map<Tensor, Datatype> types = new EnumMap<>(Tensor.class);
        for (Map.Entry<String, Node> e : settings.fields()) {
            Node v = e.getValue();
            Origin origin = Origin.of(v);
            if (e.getKey().equals(COMMENT)) {
                continue;
            }
            if (!v.isText()) {
                throw v.error("must be text: " + (e.getKey().equals(TransformSyntax.LAYERS) ? "a layer pattern"
                        : "a datatype such as int8"));
            }
            if (e.getKey().equals(TransformSyntax.LAYERS)) {
                layers = TransformSyntax.pattern(v.text(), origin);
            } else {
                types.put(TransformSyntax.tensor(e.getKey(), Origin.of(v)), TransformSyntax.datatype(v.text(), origin));
            }
        }
        if (types.isEmpty()) {
            throw settings.error("quantize needs a datatype for at least one of ifmap, weight, psum, ofmap, "
                    + "e.g. {weight: int8}");
        }
        return new Transform.Quantize(layers, types, Origin.of(settings.has(TransformSyntax.LAYERS)
                ? settings.get(TransformSyntax.LAYERS) : settings));
    }

    private static Transform lowRank(Node settings) {
        List<Transform.Target<Transform.Rank>> targets = new ArrayList<>();
        for (Map.Entry<String, Node> e : settings.fields()) {
            Node v = e.getValue();
            Origin origin = Origin.of(v);
            targets.add(new Transform.Target<>(TransformSyntax.pattern(e.getKey(), origin), rank(v, origin), origin));
        }
        return new Transform.LowRank(targets);
    }

    private static Transform.Rank rank(Node v, Origin origin) {
        if (v.json().isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
            // 500 and 500.0 alike (the schema takes both as an integer)
            return Transform.Rank.of(TransformSyntax.checkRank((long) Math.min(v.asDouble(), Long.MAX_VALUE), origin));
        }
        if (v.json().isNumber()) {
            return TransformSyntax.rankFraction(v.asDouble(), origin);
        }
        if (v.isArray() && v.json().size() == 2 && v.json().get(0).isIntegralNumber()
                && v.json().get(1).isIntegralNumber()) {
            return Transform.Rank.tucker(TransformSyntax.checkRank(v.at(0).asLong(), Origin.of(v.at(0))),
                    TransformSyntax.checkRank(v.at(1).asLong(), Origin.of(v.at(1))));
        }
        throw v.error("a rank is a whole number (e.g. 512), a fraction of the largest rank (e.g. 0.25), or a "
                + "convolution's two Tucker-2 ranks [input, output] (e.g. [32, 64])");
    }
}
