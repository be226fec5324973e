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
 * in the {@code file:line:col: key.path: problem} form.
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
        // Deterministic choice of the error to show: the deepest path first, then by text.
        List<ValidationMessage> sorted = messages.stream()
                .sorted(Comparator.<ValidationMessage>comparingInt(m -> -pathOf(m).length())
                        .thenComparing(m -> pathOf(m))
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        ValidationMessage m = pickMostSpecific(sorted);
        throw doc.error(pathOf(m), describe(m));
    }

    /** Prefer errors about an unknown key or a wrong value over the "oneOf failed" summaries. */
    private static ValidationMessage pickMostSpecific(List<ValidationMessage> sorted) {
        for (ValidationMessage m : sorted) {
            String t = m.getType();
            if (!"oneOf".equals(t) && !"anyOf".equals(t)) {
                return m;
            }
        }
        return sorted.get(0);
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
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
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
                return "missing required key '" + m.getProperty() + "'";
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
