package org.arrayflow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Reading and writing a value at a dotted key path of a parsed YAML tree: how sweeps and studies make a variant of
 * an input file and load it as if it had been written so, checked and located like the file itself.
 */
public final class TreePath {
    private TreePath() {}

    /** The value at a path of a tree, or null. */
    public static JsonNode get(JsonNode root, List<String> path) {
        JsonNode at = root;
        for (String p : path) {
            at = at == null ? null : at.get(p);
        }
        return at;
    }

    /**
     * Writes {@code value} at {@code path}, creating missing parent objects (the schema rejects wrong ones).
     *
     * @throws IllegalArgumentException if a parent on the path is a value, not a section with keys
     */
    public static void set(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode at = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode next = at.get(path.get(i));
            if (next == null || next.isNull()) {
                at = at.putObject(path.get(i));
            } else if (next instanceof ObjectNode o) {
                at = o;
            } else {
                throw new IllegalArgumentException(String.join(".", path.subList(0, i + 1))
                        + " is a value, not a section with keys");
            }
        }
        at.set(path.get(path.size() - 1), value);
    }
}
