package org.arrayflow.validation;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.config.Node;
import org.arrayflow.config.YamlDocument;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validation case in the shared {@code arrayflow-validation/1} format: an architecture, a workload, run
 * options and expected figures with tolerances. An expectation may carry {@code known_deviation: reason}:
 * the model is known to miss it, and a check then asserts that it still does (so the note cannot go stale).
 */
public record FusionCase(String file, String name, String source, String arch, String workload, int batch,
                         Map<String, String> options, List<Expect> expect) {

    public record Expect(String layer, String metric, double value, double tolerancePct, String knownDeviation) {}

    /** One checked figure. */
    public record Outcome(Expect expect, double simulated) {
        public double errorPct() {
            return 100.0 * (simulated - expect.value()) / expect.value();
        }

        public boolean within() {
            return Math.abs(errorPct()) <= expect.tolerancePct();
        }
    }

    public static FusionCase parse(String file, String text) {
        Node root = Node.root(YamlDocument.parse(file, text));
        if (!"arrayflow-validation/1".equals(root.text("format"))) {
            throw root.error("format", "expected arrayflow-validation/1");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (root.has("options")) {
            for (Map.Entry<String, Node> e : root.get("options").fields()) {
                options.put(e.getKey(), e.getValue().text());
            }
        }
        List<Expect> ex = new ArrayList<>();
        for (Node e : root.get("expect").items()) {
            ex.add(new Expect(e.text("layer"), e.text("metric"), e.doubleValue("value"), e.doubleValue("tolerance_pct"),
                    e.text("known_deviation", null)));
        }
        return new FusionCase(file, root.text("name"), root.text("source", ""), root.text("arch"),
                root.text("workload"), root.intValue("batch", 0), options, ex);
    }

    public Architecture architecture() {
        return FusionOptions.apply(ArchLoader.load(resolve(arch)), options, file);
    }

    public NetworkResult run() {
        Network net = WorkloadLoader.load(resolve(workload), batch);
        return Simulator.run(architecture(), net, SimOptions.DEFAULT);
    }

    /** A path relative to the case file's folder if such a file exists; otherwise as given (a bundled name). */
    String resolve(String ref) {
        java.nio.file.Path dir = java.nio.file.Path.of(file).toAbsolutePath().getParent();
        if (dir != null && java.nio.file.Files.isRegularFile(dir.resolve(ref))) {
            return dir.resolve(ref).toString();
        }
        return ref;
    }

    public List<Outcome> check(NetworkResult r) {
        List<Outcome> out = new ArrayList<>();
        for (Expect e : expect) {
            out.add(new Outcome(e, FusionMetrics.value(r, e.layer(), e.metric())));
        }
        return out;
    }
}
