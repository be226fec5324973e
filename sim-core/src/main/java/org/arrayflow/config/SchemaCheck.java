package org.arrayflow.config;

import com.networknt.schema.ValidationMessage;
import org.arrayflow.config.CompiledSchema.Found;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Structural validation of YAML documents against the JSON Schemas shipped in the jar
 * ({@code arrayflow/schema/*.schema.json}). Reports the first error, by position in the file,
 * in the {@code file:line:col: key.path: problem} form; a missing key is reported as its would-be path
 * ({@code layers[2].filters: missing required key}) at the position of the object that lacks it.
 */
public final class SchemaCheck {
    private static final Map<String, CompiledSchema> CACHE = new ConcurrentHashMap<>();

    private SchemaCheck() {}

    public static void validate(YamlDocument doc, String schemaName) {
        List<Found> found = CACHE.computeIfAbsent(schemaName, CompiledSchema::load).validate(doc.root());
        if (found.isEmpty()) {
            return;
        }
        found = withoutMissingBesideUnknown(found);
        // Deterministic choice of the error to show: the first in the file (by the position of the key it is
        // about); at one position, a specific complaint (unknown key, bound, enum) before a type mismatch, and
        // either before the "oneOf failed" summaries, whose alternatives' type errors say little on their own.
        List<Found> sorted = found.stream()
                .sorted(Comparator.<Found>comparingInt(f -> doc.error(f.path(), "").line())
                        .thenComparingInt(f -> doc.error(f.path(), "").column())
                        .thenComparingInt(f -> rank(f.message()))
                        .thenComparing(Found::path)
                        .thenComparing(f -> f.message().getMessage()))
                .toList();
        ValidationMessage m = sorted.get(0).message();
        String path = sorted.get(0).path();
        if ("type".equals(m.getType())) {
            throw doc.error(path, typeProblem(m, sorted, path));
        }
        if ("const".equals(m.getType())) {
            // one alternative of a oneOf such as groups: <integer> | "depthwise": name the others' types too
            Set<String> types = expectedTypes(sorted, path);
            if (!types.isEmpty()) {
                throw doc.error(path, "must be " + String.join(" or ", types) + " or " + m.getSchemaNode()
                        + ", found " + m.getInstanceNode());
            }
        }
        if ("additionalProperties".equals(m.getType())) {
            throw doc.error(path, unknownKey(m.getProperty(), sorted.get(0).allowedKeys()));
        }
        throw doc.error(path, describe(m));
    }

    /**
     * A misspelt required key is both unknown (where it is) and missing (from its object). The unknown key is
     * the one to show, at its own line and with the likely intended key, so a missing-key complaint about an
     * object that also holds an unknown key is left out.
     */
    private static List<Found> withoutMissingBesideUnknown(List<Found> found) {
        Set<String> withUnknown = new java.util.HashSet<>();
        for (Found f : found) {
            if ("additionalProperties".equals(f.message().getType())) {
                withUnknown.add(parent(f.path()));
            }
        }
        return found.stream().filter(f -> !("required".equals(f.message().getType())
                && withUnknown.contains(parent(f.path())))).toList();
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** "unknown key", with the nearest allowed key when one is close, else the keys allowed there. */
    static String unknownKey(String key, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = EditDistance.between(key.toLowerCase(java.util.Locale.ROOT), a.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = a;
                bestDistance = d;
            }
        }
        // close: a typo or two (at most a third of the key's letters), or one key containing the other
        if (best != null && (bestDistance <= Math.max(1, Math.min(3, key.length() / 3))
                || best.contains(key) && key.length() >= 3 || key.contains(best) && best.length() >= 3)) {
            return "unknown key; did you mean '" + best + "'?";
        }
        if (allowed.isEmpty()) {
            return "unknown key";
        }
        return "unknown key (allowed here: " + String.join(", ", allowed) + ")";
    }

    private static int rank(ValidationMessage m) {
        switch (m.getType()) {
            case "oneOf":
            case "anyOf":
            case "allOf":
                return 2;
            case "type":
                return 1;
            default:
                return 0;
        }
    }

    /** The types that type errors at {@code path} expected, in message order. */
    private static Set<String> expectedTypes(List<Found> all, String path) {
        Set<String> expected = new java.util.LinkedHashSet<>();
        for (Found f : all) {
            if ("type".equals(f.message().getType()) && f.path().equals(path)) {
                Object[] args = f.message().getArguments();
                if (args != null && args.length > 1) {
                    expected.add(String.valueOf(args[1]));
                }
            }
        }
        return expected;
    }

    /** A type mismatch, naming every type the alternatives at that key accept ("integer or array"). */
    private static String typeProblem(ValidationMessage first, List<Found> all, String path) {
        Set<String> expected = expectedTypes(all, path);
        Object[] args = first.getArguments();
        String found = args != null && args.length > 0 ? String.valueOf(args[0]) : "another type";
        return "wrong type: found " + found + (expected.isEmpty() ? "" : ", expected " + String.join(" or ", expected));
    }

    private static String describe(ValidationMessage m) {
        String type = m.getType();
        Object[] args = m.getArguments();
        switch (type) {
            case "additionalProperties":
                return "unknown key";
            case "required":
                return "missing required key";
            case "minItems":
                return "must have at least " + items(m.getSchemaNode().asInt()) + ", found " + m.getInstanceNode().size();
            case "maxItems":
                return "must have at most " + items(m.getSchemaNode().asInt()) + ", found " + m.getInstanceNode().size();
            case "propertyNames":
                String pattern = m.getSchemaNode() == null ? "" : m.getSchemaNode().path("pattern").asText("");
                return "invalid name '" + m.getProperty() + "'" + (pattern.isEmpty() ? "" : ": must match " + pattern);
            case "const":
                return "must be " + m.getSchemaNode() + ", found " + m.getInstanceNode();
            case "pattern":
                return "must match " + m.getSchemaNode() + ", found " + m.getInstanceNode();
            case "type":
                return "wrong type: " + (args != null && args.length > 0 ? "found " + args[0] : "")
                        + (args != null && args.length > 1 ? ", expected " + args[1] : "");
            case "minimum":
            case "exclusiveMinimum":
                return "must be " + ("minimum".equals(type) ? "at least " : "greater than ") + m.getSchemaNode()
                        + ", found " + m.getInstanceNode();
            case "maximum":
                return "must be at most " + m.getSchemaNode() + ", found " + m.getInstanceNode();
            case "enum":
                return "must be one of " + m.getSchemaNode() + ", found " + m.getInstanceNode();
            default:
                String text = m.getError();
                return text == null ? m.getMessage() : text;
        }
    }

    private static String items(int n) {
        return n + (n == 1 ? " item" : " items");
    }
}
