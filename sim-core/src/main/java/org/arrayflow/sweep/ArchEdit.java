package org.arrayflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.TreePath;
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
                TreePath.set(root, axes.get(i).path(), values.get(i));
            } catch (IllegalArgumentException e) {
                throw base.error(axes.get(i).key(), e.getMessage());
            }
        }
        return ArchLoader.fromDocument(base.withRoot(root));
    }
}
