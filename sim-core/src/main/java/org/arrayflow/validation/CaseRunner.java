package org.arrayflow.validation;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.RunOptions;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.scalesim.ScaleSimRun;
import org.arrayflow.scalesim.StallModel;
import org.arrayflow.scalesim.Topology;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs validation cases and compares every expected figure with the simulated one. */
public final class CaseRunner {

    private CaseRunner() {}

    /**
     * One compared figure. {@code errorPct} is signed: (simulated - expected) / expected. A known deviation
     * passes while it stays outside its tolerance.
     */
    public record Row(String caseName, String layer, String metric, double expected, double simulated,
                      double errorPct, double tolerancePct, boolean pass, String source, String knownDeviation) {
        public String result() {
            if (knownDeviation != null) {
                return pass ? "known" : "FIXED?";
            }
            return pass ? "pass" : "FAIL";
        }
    }

    /** Every case file under {@code dir} (recursively, sorted by path). */
    public static List<Path> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw ConfigException.of(dir.toString(), "not a folder of validation cases");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p) && ValidationCase.isCase(p)) {
                    out.add(p);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Outcome simulate(ValidationCase c) {
        Map<String, String> options = new LinkedHashMap<>(c.options());
        String wf = options.remove("workload_format");
        String arch = c.resolve(c.arch());
        String workload = c.resolve(c.workload());
        if (ScaleSimConfig.isConfigFile(arch)) {
            String sm = options.getOrDefault("stall_model", "physical");
            options.remove("stall_model");
            if (!options.isEmpty()) {
                throw ConfigException.of(c.file().toString(), "unknown option(s) " + options.keySet()
                        + " for a SCALE-Sim case (known: workload_format, stall_model)");
            }
            Topology.Format format = wf == null ? null : switch (wf) {
                case "gemm" -> Topology.Format.GEMM;
                case "conv" -> Topology.Format.CONV;
                default -> throw ConfigException.of(c.file().toString(), "workload_format must be conv or gemm");
            };
            StallModel model = StallModel.fromName(sm);
            if (model == null) {
                throw ConfigException.of(c.file().toString(), "stall_model must be physical or scalesim, not '" + sm + "'");
            }
            ScaleSimRun run = ScaleSimRun.run(ScaleSimConfig.load(arch), Topology.load(workload, format), false, model);
            return outcome(run.arch(), run.result(), run.layers());
        }
        Architecture a = RunOptions.apply(ArchLoader.load(arch), options, c.file().toString());
        Network n = WorkloadLoader.load(workload, c.batch());
        return outcome(a, Simulator.run(a, n, SimOptions.DEFAULT), List.of());
    }

    private static Outcome outcome(Architecture a, NetworkResult r, List<org.arrayflow.scalesim.ScaleSimLayer> ss) {
        return new Outcome(a, r, ss, a.peCount(), a.sustainedDramBytesPerCycle(), a.precision());
    }

    public static List<Row> run(ValidationCase c) {
        Outcome o = simulate(c);
        List<Row> rows = new ArrayList<>();
        for (ValidationCase.Expectation e : c.expect()) {
            double sim = Metrics.resolve(e.metric(), e.layer(), o, c.file().toString());
            double err = e.value() == 0 ? (sim == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : 100 * (sim - e.value()) / Math.abs(e.value());
            boolean within = Math.abs(err) <= e.tolerancePct() + 1e-9;
            boolean pass = e.knownDeviation() == null ? within : !within;
            rows.add(new Row(c.name(), e.layerLabel(), e.metric(), e.value(), sim, err, e.tolerancePct(), pass,
                    c.source(), e.knownDeviation()));
        }
        return rows;
    }
}
