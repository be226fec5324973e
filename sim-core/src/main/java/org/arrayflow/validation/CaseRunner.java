package org.arrayflow.validation;

import org.arrayflow.arch.Architecture;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.pipeline.RunOutput;
import org.arrayflow.pipeline.RunRequest;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.config.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return simulate(c, c.arch(), c.workload(), c.batch(), c.options(), c.transforms());
    }

    private static Outcome simulate(ValidationCase c, String arch, String workload, int batch,
                                    java.util.Map<String, String> options, List<org.arrayflow.transform.Transform> tr) {
        RunOutput out = Pipeline.run(new RunRequest(c.resolve(arch), c.resolve(workload), batch, options,
                false, c.file().toString(), tr));
        return outcome(out.arch(), out.result(), out.scaleSimReports());
    }

    private static Outcome outcome(Architecture a, NetworkResult r, List<org.arrayflow.scalesim.ScaleSimLayer> ss) {
        // the roof at the fastest rate the run's layers used (2 fp16 MACs a PE on a TF32 array)
        int rate = r.layers().stream().mapToInt(l -> l.timing().rate()).max().orElse(1);
        return new Outcome(a, r, ss, a.peCount() * rate, a.sustainedDramBytesPerCycle(), a.precision());
    }

    public static List<Row> run(ValidationCase c) {
        if (c.study() != null) {
            StudyMetrics study = new StudyMetrics(c);
            return c.expect().stream().map(e -> row(c, e, study.value(e))).toList();
        }
        Outcome o = simulate(c);
        ValidationCase.Baseline b = c.baseline();
        Outcome base = b == null ? null : simulate(c, b.arch(), b.workload(), b.batch(), b.options(), b.transforms());
        String file = c.file().toString();
        List<Row> rows = new ArrayList<>();
        for (ValidationCase.Expectation e : c.expect()) {
            double v = Metrics.resolve(e.metric(), e.layer(), o, file);
            if (e.ratio()) {
                v /= Metrics.resolve(e.metric(), e.layer(), base, file + " (baseline)");
            }
            rows.add(row(c, e, v));
        }
        return rows;
    }

    private static Row row(ValidationCase c, ValidationCase.Expectation e, double sim) {
        double err = e.value() == 0 ? (sim == 0 ? 0 : Double.POSITIVE_INFINITY)
                : 100 * (sim - e.value()) / Math.abs(e.value());
        boolean within = Math.abs(err) <= e.tolerancePct() + 1e-9;
        boolean pass = e.knownDeviation() == null ? within : !within;
        return new Row(c.name(), e.layerLabel(), e.metricLabel(), e.value(), sim, err, e.tolerancePct(), pass,
                c.source(), e.knownDeviation());
    }
}
