package org.arrayflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.YamlDocument;

import java.util.List;

/**
 * Applies axis values to an architecture by editing a copy of its parsed YAML tree and loading the
 * result through {@link ArchLoader#fromDocument}, so a swept value is checked exactly as if it had been
 * written in the file (schema, then semantic rules), and errors keep the file's positions.
 */
public final class ArchEdit {
    private ArchEdit() {}

    public static Architecture build(YamlDocument base, List<Axis> axes, List<JsonNode> values) {
        ObjectNode root = (ObjectNode) base.root().deepCopy();
        for (int i = 0; i < axes.size(); i++) {
            try {
                set(root, axes.get(i).path(), values.get(i));
            } catch (IllegalArgumentException e) {
                throw base.error(axes.get(i).key(), e.getMessage());
            }
        }
        return ArchLoader.fromDocument(base.withRoot(root));
    }

    /** Writes {@code value} at {@code path}, creating missing parent objects (the schema rejects wrong ones). */
    static void set(ObjectNode root, List<String> path, JsonNode value) {
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

    /** The value at a path of a tree, or null. */
    static JsonNode get(JsonNode root, List<String> path) {
        JsonNode at = root;
        for (String p : path) {
            at = at == null ? null : at.get(p);
        }
        return at;
    }
}
