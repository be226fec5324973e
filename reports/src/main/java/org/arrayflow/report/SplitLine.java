package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;

import java.util.List;

/** The HTML report's line on how a multi-core or multi-chip run split its layers. */
final class SplitLine {
    private SplitLine() {}

    /**
     * For an architecture with several cores or chips (docs/multicore.md), how each layer was split: the mapping's
     * cores= and chips= entries, and the pipeline's summary. Nothing for one core on one chip.
     */
    static void append(StringBuilder h, NetworkResult r) {
        for (String key : List.of("cores", "chips")) {
            StringBuilder line = new StringBuilder();
            for (LayerResult l : r.layers()) {
                String v = l.mapping().get(key);
                if (v != null) {
                    line.append(line.length() == 0 ? "" : "; ").append(l.name()).append(": ").append(v);
                }
            }
            if (line.length() > 0) {
                h.append("<p class=\"split\">").append(key.equals("cores") ? "Cores" : "Chips").append(" per layer: ")
                        .append(Html.esc(line.toString())).append(".</p>\n");
            }
        }
        String pipeline = r.layers().isEmpty() ? null : r.layers().get(r.layers().size() - 1).mapping().get("pipeline");
        if (pipeline != null) {
            h.append("<p class=\"split\">Pipeline: ").append(Html.esc(pipeline)).append(".</p>\n");
        }
    }
}
