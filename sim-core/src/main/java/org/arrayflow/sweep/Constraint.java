package org.arrayflow.sweep;

import java.util.List;
import java.util.Map;

/**
 * A constraint of the sweep file: its text, its parsed expression, and for every name it uses the
 * architecture key path it stands for.
 */
public record Constraint(int index, String text, Expr.Term term, Map<String, List<String>> paths) {
    public Constraint {
        paths = Map.copyOf(paths);
    }
}
