package org.arrayflow.validation;

import org.arrayflow.config.Bundled;
import org.arrayflow.config.Node;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.transform.Transform;
import org.arrayflow.transform.TransformReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reference case (format {@code arrayflow-validation/1}): which architecture runs which workload, the
 * figures a published or derived source gives for it, and how close the simulation must come.
 *
 * @param arch     a path relative to the case file, or a bundled architecture name
 * @param workload a path relative to the case file, or a bundled workload name
 * @param batch    0 keeps the workload's own batch
 * @param options  run options, e.g. {@code workload_format: gemm}
 * @param transforms compression transforms applied to the workload before the run (a workload file's syntax)
 * @param study    a design study run on {@code arch} instead of one workload ({@link StudyMetrics}), or null; its
 *                 figures name a point of the study where others name a layer
 * @param baseline a second run that the figures marked {@code ratio} are divided by, or null
 */
public record ValidationCase(Path file, String name, String source, String arch, String workload, int batch,
                             Map<String, String> options, List<Transform> transforms, List<Expectation> expect,
                             String study, Baseline baseline) {

    public static final String FORMAT = "arrayflow-validation/1";

    /**
     * One expected figure: a metric of one layer (or of the whole run, {@code layer == null}). A
     * {@code knownDeviation} (the reason, or null) marks a figure the model is known to miss: it passes only
     * while it stays outside its tolerance, so the mark cannot go stale when the model improves.
     */
    public record Expectation(String layer, String metric, double value, double tolerancePct, String knownDeviation,
                              boolean ratio) {
        public String layerLabel() {
            return layer == null ? "total" : layer;
        }

        /** The metric as the validation table names it: {@code total_cycles / baseline} for a ratio. */
        public String metricLabel() {
            return ratio ? metric + " / baseline" : metric;
        }
    }

    /**
     * The run a ratio is taken against: the case's own architecture, workload, batch, options and transforms,
     * with whichever of them the {@code baseline:} entry names replaced (a claim such as "2:4 support halves the
     * cycles" compares the same workload on an array with and without it).
     */
    public record Baseline(String arch, String workload, int batch, Map<String, String> options,
                           List<Transform> transforms) {}

    public ValidationCase {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        transforms = List.copyOf(transforms);
        expect = List.copyOf(expect);
    }

    /** True if the file declares the validation format (other YAML files in a folder are skipped). */
    public static boolean isCase(Path file) throws IOException {
        String n = file.getFileName().toString();
        if (!n.endsWith(".yaml") && !n.endsWith(".yml")) {
            return false;
        }
        return Files.readString(file, StandardCharsets.UTF_8).contains(FORMAT);
    }

    public static ValidationCase load(Path file) {
        String text = Bundled.readText(file, file.toString());
        Node root = Node.root(YamlDocument.parse(file.toString(), text));
        if (!FORMAT.equals(root.text("format"))) {
            throw root.error("format", "expected '" + FORMAT + "'");
        }
        String name = root.text("name");
        String source = root.text("source");
        String arch = root.text("arch");
        String study = root.text("study", null);
        if (study != null && !StudyMetrics.STUDIES.contains(study)) {
            throw root.error("study", "unknown study '" + study + "' (known: " + String.join(", ", StudyMetrics.STUDIES) + ")");
        }
        String workload = study != null ? root.text("workload", null) : root.text("workload");
        Map<String, String> options = options(root);
        List<Expectation> expect = new ArrayList<>();
        for (Node e : root.get("expect").items()) {
            String layer = study != null ? e.text("point") : e.text("layer");
            double tol = e.doubleValue("tolerance_pct");
            if (tol < 0) {
                throw e.error("tolerance_pct", "must not be negative");
            }
            if (!e.get("value").json().isNumber()) {
                throw e.error("value", "must be a number");
            }
            boolean ratio = e.bool("ratio", false);
            if (ratio && (study != null || !root.has("baseline"))) {
                throw e.error("ratio", study != null ? "a study's figures are not taken against a baseline"
                        : "a ratio needs a baseline: entry in the case (the run it is divided by)");
            }
            expect.add(new Expectation(layer.equals("total") ? null : layer, e.text("metric"), e.doubleValue("value"),
                    tol, e.text("known_deviation", null), ratio));
        }
        if (expect.isEmpty()) {
            throw root.error("expect", "a case needs at least one expected figure");
        }
        int batch = root.intValue("batch", 0);
        if (batch < 0) {
            throw root.error("batch", "must be positive (or 0 for the workload's own)");
        }
        List<Transform> transforms = root.has("transforms") ? TransformReader.read(root.get("transforms")) : List.of();
        Baseline baseline = root.has("baseline") ? baseline(root.get("baseline"), arch, workload, batch, options,
                transforms) : null;
        return new ValidationCase(file, name, source, arch, workload, batch, options, transforms, expect, study,
                baseline);
    }

    private static Map<String, String> options(Node root) {
        Map<String, String> options = new LinkedHashMap<>();
        if (root.has("options")) {
            for (Map.Entry<String, Node> e : root.get("options").fields()) {
                options.put(e.getKey(), e.getValue().text());
            }
        }
        return options;
    }

    private static Baseline baseline(Node b, String arch, String workload, int batch, Map<String, String> options,
                                     List<Transform> transforms) {
        for (Map.Entry<String, Node> e : b.fields()) {
            String k = e.getKey();
            if (!List.of("arch", "workload", "batch", "options", "transforms").contains(k)) {
                throw b.error(k, "unknown key (a baseline names any of arch, workload, batch, options, transforms)");
            }
        }
        int bb = b.intValue("batch", batch);
        if (bb < 0) {
            throw b.error("batch", "must be positive (or 0 for the workload's own)");
        }
        return new Baseline(b.text("arch", arch), b.text("workload", workload), bb,
                b.has("options") ? options(b) : options,
                b.has("transforms") ? TransformReader.read(b.get("transforms")) : transforms);
    }

    /** A file named by the case: relative to the case's folder if it exists there, else as given (bundled name). */
    public String resolve(String ref) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path p = dir == null ? Path.of(ref) : dir.resolve(ref);
            return Files.isRegularFile(p) ? p.toString() : ref;
        } catch (InvalidPathException e) {
            return ref; // not a path: Bundled.resolve says so, naming it
        }
    }
}
