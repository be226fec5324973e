package org.arrayflow.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A position in a {@link YamlDocument}: typed accessors that fail with the key's file, line and path.
 * The schema already guarantees structure and types; these accessors carry the location into
 * semantic checks ("rows * cols exceeds ...") made in code.
 */
public record Node(YamlDocument doc, JsonNode json, String path) {

    public static Node root(YamlDocument doc) {
        return new Node(doc, doc.root(), "");
    }

    public boolean has(String key) {
        JsonNode v = json.get(key);
        return v != null && !v.isNull();
    }

    public Node get(String key) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            throw doc.error(childPath(key), "missing required key");
        }
        return new Node(doc, v, childPath(key));
    }

    public Node at(int index) {
        return new Node(doc, json.get(index), path + "[" + index + "]");
    }

    public List<Node> items() {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            out.add(at(i));
        }
        return out;
    }

    /** Object members in file order. */
    public List<Map.Entry<String, Node>> fields() {
        List<Map.Entry<String, Node>> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(e.getKey(), new Node(doc, e.getValue(), childPath(e.getKey()))));
        }
        return out;
    }

    public String text() { return json.asText(); }
    public long asLong() { return json.asLong(); }
    public double asDouble() { return json.asDouble(); }
    public boolean asBoolean() { return json.asBoolean(); }
    public boolean isArray() { return json.isArray(); }
    public boolean isText() { return json.isTextual(); }

    public String text(String key) { return get(key).text(); }
    public long longValue(String key) { return get(key).asLong(); }
    public double doubleValue(String key) { return get(key).asDouble(); }

    public String text(String key, String dflt) { return has(key) ? text(key) : dflt; }
    public long longValue(String key, long dflt) { return has(key) ? longValue(key) : dflt; }
    public double doubleValue(String key, double dflt) { return has(key) ? doubleValue(key) : dflt; }
    public boolean bool(String key, boolean dflt) { return has(key) ? get(key).asBoolean() : dflt; }

    public int intValue(String key) {
        return toInt(get(key));
    }

    public int intValue(String key, int dflt) {
        return has(key) ? intValue(key) : dflt;
    }

    private static int toInt(Node n) {
        long v = n.asLong();
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw n.error("value " + v + " is out of range");
        }
        return (int) v;
    }

    /** An int or an [a, b] pair, as for kernel sizes and strides. */
    public int[] pair(String key, int dflt) {
        if (!has(key)) {
            return new int[] {dflt, dflt};
        }
        Node n = get(key);
        if (n.isArray()) {
            if (n.json.size() != 2) {
                throw n.error("expected an integer or a list of two integers");
            }
            return new int[] {toInt(n.at(0)), toInt(n.at(1))};
        }
        int v = toInt(n);
        return new int[] {v, v};
    }

    public ConfigException error(String problem) {
        return doc.error(path, problem);
    }

    /** This value's place in its file, for an error found after loading. */
    public Position position() {
        ConfigException e = doc.error(path, "");
        return new Position(e.file(), e.line(), e.column(), e.keyPath());
    }

    public ConfigException error(String key, String problem) {
        return doc.error(childPath(key), problem);
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
