package org.arrayflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shipped JSON Schema as {@link SchemaCheck} runs it. The files stay standard (editors read them): an
 * array's items may carry one {@code if: {properties: {P: {const: V}}} then: S} per value V of a property P,
 * as the workload's layers do per layer type. A validator tries every {@code if} on every item (ten failed
 * conditions per layer, each building messages); here each item is checked against the {@code then} of its own
 * value instead, which is the same judgement, and the rest of the document against the schema without those
 * conditionals; an item without the property that holds an array under the array's own key (a repeat block's
 * {@code layers}) has that array's items dispatched alike. Messages come back with their full instance path.
 */
final class CompiledSchema {
    /**
     * A validation message and the path in the document it is about ({@code layers[3].kernel}); for an
     * unknown key, the keys the schema allows there (for a suggestion), else empty.
     */
    record Found(String path, ValidationMessage message, List<String> allowedKeys) {}

    /** Items of the array at {@code arrayPath} are checked against the schema for their {@code property}'s value. */
    private record Dispatch(List<String> arrayPath, String property, Map<String, JsonSchema> byValue,
                            Map<String, JsonNode> rawByValue) {}

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema main;
    private final JsonNode mainRaw;
    private final List<Dispatch> dispatches;

    private CompiledSchema(JsonSchema main, JsonNode mainRaw, List<Dispatch> dispatches) {
        this.main = main;
        this.mainRaw = mainRaw;
        this.dispatches = List.copyOf(dispatches);
    }

    static CompiledSchema load(String name) {
        String resource = "/arrayflow/schema/" + name + ".schema.json";
        try (InputStream in = CompiledSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the jar: " + resource);
            }
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
            List<Dispatch> dispatches = new ArrayList<>();
            split(schema, List.of(), dispatches);
            return new CompiledSchema(FACTORY.getSchema(schema), schema, dispatches);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Found> validate(JsonNode root) {
        List<Found> out = new ArrayList<>();
        for (ValidationMessage m : main.validate(root)) {
            out.add(new Found(pathOf("", m), m, allowedKeys(mainRaw, m)));
        }
        for (Dispatch d : dispatches) {
            JsonNode array = root;
            for (String key : d.arrayPath()) {
                array = array == null ? null : array.get(key);
            }
            dispatch(d, array, String.join(".", d.arrayPath()), out);
        }
        return out;
    }

    /**
     * Checks each item of {@code array} against its value's schema; an item's own array under the same key (a
     * workload's repeat block, whose {@code layers} are layers) is checked alike.
     */
    private static void dispatch(Dispatch d, JsonNode array, String path, List<Found> out) {
        if (array == null || !array.isArray()) {
            return;
        }
        String key = d.arrayPath().get(d.arrayPath().size() - 1);
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode value = item.isObject() ? item.get(d.property()) : null;
            JsonSchema s = value != null && value.isTextual() ? d.byValue().get(value.asText()) : null;
            String prefix = path + "[" + i + "]";
            if (s != null) {
                for (ValidationMessage m : s.validate(item)) {
                    out.add(new Found(pathOf(prefix, m), m, allowedKeys(d.rawByValue().get(value.asText()), m)));
                }
            } else if (item.isObject()) {
                dispatch(d, item.get(key), prefix + "." + key, out);
            }
        }
    }

    /**
     * Takes the per-value conditionals off the items of every array under {@code properties} (at any depth of
     * objects) and records them as dispatches; anything else is left to the validator.
     */
    private static void split(ObjectNode schema, List<String> path, List<Dispatch> out) {
        JsonNode props = schema.get("properties");
        if (props == null || !props.isObject()) {
            return;
        }
        props.fields().forEachRemaining(e -> {
            if (!(e.getValue() instanceof ObjectNode property)) {
                return;
            }
            List<String> at = new ArrayList<>(path);
            at.add(e.getKey());
            if (property.get("items") instanceof ObjectNode items) {
                Dispatch d = dispatch(items, at);
                if (d != null) {
                    items.remove("allOf");
                    out.add(d);
                }
            }
            split(property, at, out);
        });
    }

    /** The dispatch an items schema's allOf amounts to, or null if it is not all {@code if P = V then S}. */
    private static Dispatch dispatch(ObjectNode items, List<String> path) {
        JsonNode all = items.get("allOf");
        if (all == null || !all.isArray() || all.isEmpty()) {
            return null;
        }
        String property = null;
        Map<String, JsonSchema> byValue = new LinkedHashMap<>();
        Map<String, JsonNode> rawByValue = new LinkedHashMap<>();
        for (JsonNode c : all) {
            JsonNode cond = c.get("if");
            if (c.size() != 2 || cond == null || c.get("then") == null || cond.size() != 2
                    || !cond.path("required").isArray() || cond.path("required").size() != 1) {
                return null;
            }
            String p = cond.path("required").get(0).asText();
            JsonNode constant = cond.path("properties").path(p).path("const");
            if (!constant.isTextual() || cond.path("properties").size() != 1 || cond.path("properties").path(p).size() != 1
                    || (property != null && !property.equals(p)) || byValue.containsKey(constant.asText())) {
                return null;
            }
            property = p;
            byValue.put(constant.asText(), FACTORY.getSchema(c.get("then")));
            rawByValue.put(constant.asText(), c.get("then"));
        }
        return new Dispatch(List.copyOf(path), property, byValue, rawByValue);
    }

    /**
     * For an unknown key, the property names of the schema object whose {@code additionalProperties} refused
     * it: the message's schema location, one step up, in the schema it was checked against (references are
     * local to each file, so the location is found in the same tree).
     */
    private static List<String> allowedKeys(JsonNode root, ValidationMessage m) {
        if (!"additionalProperties".equals(m.getType()) || root == null) {
            return List.of();
        }
        JsonNodePath f = m.getSchemaLocation().getFragment();
        JsonNode at = root;
        for (int i = 0; i < f.getNameCount() - 1; i++) {
            Object e = f.getElement(i);
            at = e instanceof Integer idx ? at.path(idx) : at.path(String.valueOf(e));
        }
        List<String> keys = new ArrayList<>();
        at.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A message's instance path below {@code prefix}: dots for keys, [i] for items, the key it names last. */
    static String pathOf(String prefix, ValidationMessage m) {
        StringBuilder sb = new StringBuilder(prefix);
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
}
