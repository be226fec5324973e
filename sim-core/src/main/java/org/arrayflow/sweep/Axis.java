package org.arrayflow.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One swept architecture key: its dotted path in the architecture YAML (e.g. {@code pe_array.rows}),
 * and the values it takes, as written in the sweep file.
 */
public record Axis(String key, List<String> path, List<JsonNode> values) {
    public Axis {
        path = List.copyOf(path);
        values = List.copyOf(values);
    }

    /** The last path segment ({@code rows}), usable as a short name in constraints. */
    public String leaf() {
        return path.get(path.size() - 1);
    }
}
