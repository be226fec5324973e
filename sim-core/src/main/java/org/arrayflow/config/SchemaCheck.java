package org.arrayflow.config;

import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private SchemaCheck() {}

    public static void validate(YamlDocument doc, String schemaName) {
        JsonSchema schema = CACHE.computeIfAbsent(schemaName, SchemaCheck::load);
        Set<ValidationMessage> messages = schema.validate(doc.root());
        if (messages.isEmpty()) {
            return;
        }
        // Deterministic choice of the error to show: the first in the file (by the position of the key it is
        // about); at one position, a specific complaint (unknown key, bound, enum) before a type mismatch, and
        // either before the "oneOf failed" summaries, whose alternatives' type errors say little on their own.
        List<ValidationMessage> sorted = messages.stream()
                .sorted(Comparator.<ValidationMessage>comparingInt(m -> doc.error(pathOf(m), "").line())
                        .thenComparingInt(m -> doc.error(pathOf(m), "").column())
                        .thenComparingInt(SchemaCheck::rank)
                        .thenComparing(SchemaCheck::pathOf)
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        ValidationMessage m = sorted.get(0);
        String path = pathOf(m);
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
        throw doc.error(path, describe(m));
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
    private static Set<String> expectedTypes(List<ValidationMessage> all, String path) {
        Set<String> expected = new java.util.LinkedHashSet<>();
        for (ValidationMessage m : all) {
            if ("type".equals(m.getType()) && pathOf(m).equals(path)) {
                Object[] args = m.getArguments();
                if (args != null && args.length > 1) {
                    expected.add(String.valueOf(args[1]));
                }
            }
        }
        return expected;
    }

    /** A type mismatch, naming every type the alternatives at that key accept ("integer or array"). */
    private static String typeProblem(ValidationMessage first, List<ValidationMessage> all, String path) {
        Set<String> expected = expectedTypes(all, path);
        Object[] args = first.getArguments();
        String found = args != null && args.length > 0 ? String.valueOf(args[0]) : "another type";
        return "wrong type: found " + found + (expected.isEmpty() ? "" : ", expected " + String.join(" or ", expected));
    }

    static String pathOf(ValidationMessage m) {
        StringBuilder sb = new StringBuilder();
        JsonNodePath p = m.getInstanceLocation();
        for (int i = 0; i < p.getNameCount(); i++) {
            Object e = p.getElement(i);
            if (e instanceof Integer idx) {
                sb.append('[').append(idx).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        if (("additionalProperties".equals(m.getType()) || "required".equals(m.getType())
                || "propertyNames".equals(m.getType())) && m.getProperty() != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(m.getProperty());
        }
        return sb.toString();
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

    private static JsonSchema load(String name) {
        String resource = "/arrayflow/schema/" + name + ".schema.json";
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the jar: " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
